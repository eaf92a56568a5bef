"""marshmallow schemas of the JSON API's query strings and responses. Request bodies are the commands' own
inputs (``application.inputs``), shared with the officer's forms and the public form; the OpenAPI document is
generated from both."""

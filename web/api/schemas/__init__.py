"""marshmallow schemas of the JSON API, by area: every request body and query string is loaded
through one of them (unknown fields refused), and the OpenAPI document is generated from them."""

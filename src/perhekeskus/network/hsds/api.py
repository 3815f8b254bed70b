"""Open Referral HSDS 3.0 read API, as the HSDS OpenAPI describes it."""

from ninja import NinjaAPI

hsds_api = NinjaAPI(title="Perhekeskus HSDS 3.0 API", version="3.0", urls_namespace="hsds")

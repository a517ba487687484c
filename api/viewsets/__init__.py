"""One thin viewset per resource, one module per floor of the portal: model, serializer,
filters, and what to fetch in bulk. Scoping, permissions and versions live in
``api.base.ScopedViewSet``."""

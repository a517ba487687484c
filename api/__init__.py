"""The REST API (``/api/v1/``): DRF viewsets over the same permission code as the pages."""

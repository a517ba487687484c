"""Representations of the records, one module per floor of the portal (core, dimensions,
programs, roadmap, reviews, exports). Relations are ids; a programme also carries its
indicators, budget lines, partners, risks and before/after indicators, read-only."""

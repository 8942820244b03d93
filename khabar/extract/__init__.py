"""Extraction stages: who said what (quotes, speakers, sources, meetings) and, from others, entities and numbers."""

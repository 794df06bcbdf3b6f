"""Documents: the report as a document model, and its DOCX, PDF and HTML renderers.

Importing this package loads nothing heavy; the renderers import python-docx and Typst
only when they are used.
"""

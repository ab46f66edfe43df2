"""Sentence encoders for the trained typing and role models: all-MiniLM-L6-v2 as a numpy forward pass
(`minilm`) and its distillation into static word-piece vectors (`static`), the one the pipeline uses."""

"""The framing layer: persuasion techniques, naming choices, hedges."""

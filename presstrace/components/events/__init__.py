"""The events layer: PLOVER events with their actors, place and date."""

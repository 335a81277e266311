"""The amounts layer: numbers, money, measures and vague quantities with what they count."""

// Placeholder: see README module map.

"""The family member's login."""

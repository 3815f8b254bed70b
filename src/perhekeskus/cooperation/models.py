"""The cooperation network that leads the family centre at its interfaces: cooperation agreements,
the contact-person network of each area, the network's meetings and its development plan."""

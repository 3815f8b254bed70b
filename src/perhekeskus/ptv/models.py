"""The national Service Catalogue (Suomi.fi Palvelutietovaranto, PTV) flowing into the register:
import runs, the records they keep in step, and the mapping of PTV classifications to our
service types."""

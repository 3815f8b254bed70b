"""The parenting plan (vanhemmuussuunnitelma) separating parents fill in, alone or together,
reached by a link and a code without an account."""

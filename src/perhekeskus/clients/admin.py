"""Nothing of client data is registered in the Django admin, on purpose.

Families, persons and memberships are special-category data (health and social circumstances of
children and parents). Every read and write goes through this app's services and selectors,
which ask `consent` whether the professional has a care relationship or a consent for it and
write an audit event in the same transaction. The admin would bypass both: a superuser could
read or change any family with no access decision and no trace in the audit log, and would see
and edit personal identity codes outside their encryption helpers. Maintain client data in the
client views only.
"""

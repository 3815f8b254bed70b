"""Nothing of referrals is registered in the Django admin, on purpose: a referral names the
persons concerned and why they need help, and is read and written only through this app's
services and selectors, which decide who may and write an audit event (see
`perhekeskus.clients.admin`)."""

// The passkeys page: once django-otp-webauthn's script has registered a passkey, send the name
// typed for it (the form posts without JavaScript too, but only a registered passkey has an id).
document.addEventListener("otp_webauthn.register_complete", (event) => {
  const form = document.getElementById("passkey-name-form");
  if (!form) return;
  form.elements.credential.value = String(event.detail.id);
  form.submit();
});

// Enter in the name field starts the registration rather than sending an empty form.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (form.id === "passkey-name-form" && !form.elements.credential.value) {
    event.preventDefault();
    document.getElementById("passkey-register-button")?.click();
  }
});

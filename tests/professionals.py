"""Professionals at work in the family channel's inbox, on top of tests.personas' network.

- Aino (public health nurse, Espoo) and Maija (family centre coordinator, Espoo; the lead) work
  the Espoo area's queue for questions and contact requests.
- Kalle (social worker, Vantaa) works the Vantaa queue.
- The national queue (no area) takes what no area's queue takes; nobody here works it.
Logging in with the second factor: `login_professional(client, professional)`.
"""

import time
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from perhekeskus.inbox.models import Queue, QueueMembership
from perhekeskus.network.models import Area
from perhekeskus.staff.models import Professional
from tests.personas import PASSWORD, Network, Personas


@dataclass
class Desk:
    aino: Professional
    maija: Professional
    kalle: Professional
    espoo_queue: Queue
    vantaa_queue: Queue
    national_queue: Queue


def desk_build(network: Network, personas: Personas) -> Desk:
    aino = Professional.objects.create(
        user=personas.aino,
        organisation=network.county_org,
        role=Professional.Role.PUBLIC_HEALTH_NURSE,
        municipality=network.espoo,
    )
    maija = Professional.objects.create(
        user=User.objects.create_user("maija", password=PASSWORD, first_name="Maija"),
        organisation=network.county_org,
        role=Professional.Role.COORDINATOR,
        municipality=network.espoo,
    )
    kalle = Professional.objects.create(
        user=User.objects.create_user("kalle", password=PASSWORD, first_name="Kalle"),
        organisation=network.vantaa_org,
        role=Professional.Role.SOCIAL_WORKER,
        municipality=network.vantaa,
    )
    espoo_queue = Queue.objects.create(
        name_fi="Espoon perhekeskus",
        name_sv="Esbo familjecenter",
        name_en="Espoo family centre",
        area=network.espoo_area,
    )
    vantaa_area = Area.objects.create(
        county=network.vantaa_kerava, name_fi="Vantaa", name_sv="Vanda", name_en="Vantaa"
    )
    vantaa_area.municipalities.add(network.vantaa)
    vantaa_queue = Queue.objects.create(
        name_fi="Vantaan perhekeskus",
        name_sv="Vanda familjecenter",
        name_en="Vantaa family centre",
        area=vantaa_area,
    )
    national_queue = Queue.objects.create(
        name_fi="Valtakunnallinen", name_sv="Riksomfattande", name_en="National"
    )
    QueueMembership.objects.create(queue=espoo_queue, professional=aino)
    QueueMembership.objects.create(queue=espoo_queue, professional=maija, is_lead=True)
    QueueMembership.objects.create(queue=vantaa_queue, professional=kalle, is_lead=True)
    return Desk(aino, maija, kalle, espoo_queue, vantaa_queue, national_queue)


def totp_device(professional: Professional) -> TOTPDevice:
    device, _ = TOTPDevice.objects.get_or_create(
        user=professional.user, name="phone", defaults={"confirmed": True}
    )
    return device


def login_professional(client: Client, professional: Professional) -> Client:
    """Logged in with password and second factor, as after the real two-step login."""
    client.force_login(professional.user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = totp_device(professional).persistent_id
    session.save()
    return client


def code_now(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    """The code the professional's app shows now (or `steps_ahead` periods later)."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"

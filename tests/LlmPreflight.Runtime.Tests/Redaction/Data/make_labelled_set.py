#!/usr/bin/env python3
"""Writes pii-labelled.tsv: the labelled set the PII redactor is measured on (see docs/pii-redaction.md).

The sentences are hand-written (support tickets, chat messages, logs, e-mails; English and Spanish). Values
that carry a checksum (cards, IBANs, CUITs) or must look random (API keys) are generated here so the
checksums are right or deliberately wrong; the RNG is seeded, so the file is reproducible. Labels say what a
human reader would call personal data or a secret, not what the detectors happen to find: hard cases the
detectors are known to miss are kept.

Columns: target kind, pos|neg, language, text. In the text, {{KIND:value}} marks one expected span.
A neg line contains a look-alike of its target kind and no span of that kind (it may mark spans of other kinds).
"""
import random
import string

rng = random.Random(20240515)
rows = []


def pos(kind, lang, text):
    rows.append((kind, "pos", lang, text))


def neg(kind, lang, text):
    assert "{{" + kind + ":" not in text
    rows.append((kind, "neg", lang, text))


def m(kind, value):
    return "{{" + kind + ":" + value + "}}"


# ---------------------------------------------------------------- checksums
def luhn_digit(partial):
    total = 0
    for i, ch in enumerate(reversed(partial)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def card(prefix, length):
    body = prefix + "".join(rng.choice(string.digits) for _ in range(length - len(prefix) - 1))
    return body + luhn_digit(body)


def bad_luhn(number):
    last = int(number[-1])
    return number[:-1] + str((last + rng.randint(1, 9)) % 10)


def group(number, sizes, sep=" "):
    out, i = [], 0
    for s in sizes:
        out.append(number[i:i + s])
        i += s
    return sep.join(out)


IBAN_LENGTHS = {"DE": 22, "ES": 24, "FR": 27, "GB": 22, "IT": 27, "NL": 18, "BE": 16, "PT": 25, "CH": 21, "IE": 22, "AT": 20, "PL": 28}


def iban_bban(country):
    n = IBAN_LENGTHS[country] - 4
    if country in ("GB", "IE"):
        return "".join(rng.choice(string.ascii_uppercase) for _ in range(4)) + "".join(rng.choice(string.digits) for _ in range(n - 4))
    if country == "NL":
        return "".join(rng.choice(string.ascii_uppercase) for _ in range(4)) + "".join(rng.choice(string.digits) for _ in range(n - 4))
    if country == "IT":
        return rng.choice(string.ascii_uppercase) + "".join(rng.choice(string.digits) for _ in range(n - 1))
    return "".join(rng.choice(string.digits) for _ in range(n))


def iban_check(country, bban):
    rearranged = bban + country + "00"
    num = int("".join(str(int(c, 36)) for c in rearranged))
    return "%02d" % (98 - num % 97)


def iban(country, spaced=True):
    bban = iban_bban(country)
    value = country + iban_check(country, bban) + bban
    return " ".join(value[i:i + 4] for i in range(0, len(value), 4)) if spaced else value


def bad_iban(country, spaced=True):
    bban = iban_bban(country)
    check = int(iban_check(country, bban))
    wrong = "%02d" % ((check + rng.randint(1, 50)) % 97 + 2)
    if wrong == "%02d" % check:
        wrong = "%02d" % ((check + 3) % 97 + 2)
    value = country + wrong + bban
    return " ".join(value[i:i + 4] for i in range(0, len(value), 4)) if spaced else value


CUIT_WEIGHTS = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]


def cuit_digit(ten):
    r = 11 - sum(int(d) * w for d, w in zip(ten, CUIT_WEIGHTS)) % 11
    return None if r == 10 else (0 if r == 11 else r)


def cuit(prefix=None, sep="-", dotted=False):
    while True:
        p = prefix or rng.choice(["20", "23", "24", "27", "30", "33", "34"])
        dni = str(rng.randint(10_000_000, 45_999_999))
        d = cuit_digit(p + dni)
        if d is not None:
            break
    mid = f"{dni[:2]}.{dni[2:5]}.{dni[5:]}" if dotted else dni
    return f"{p}{sep}{mid}{sep}{d}"


def bad_cuit(sep="-"):
    while True:
        p = rng.choice(["20", "23", "27", "30"])
        dni = str(rng.randint(10_000_000, 45_999_999))
        d = cuit_digit(p + dni)
        if d is not None:
            return f"{p}{sep}{dni}{sep}{(d + rng.randint(1, 9)) % 10}"


def dni(dotted=True):
    n = str(rng.randint(5_000_000, 46_000_000))
    if not dotted:
        return n
    return f"{n[:-6]}.{n[-6:-3]}.{n[-3:]}"


def ssn():
    while True:
        a = rng.randint(1, 899)
        if a != 666:
            break
    return "%03d-%02d-%04d" % (a, rng.randint(1, 99), rng.randint(1, 9999))


def nanp():
    area = rng.choice(["212", "415", "312", "617", "305", "646", "702", "206", "512", "718", "404", "303", "213", "480"])
    exchange = str(rng.randint(2, 9)) + "%02d" % rng.randint(0, 99)
    if exchange[1:] == "11":
        exchange = exchange[0] + "23"
    return area, exchange, "%04d" % rng.randint(0, 9999)


def rand_chars(alphabet, n):
    return "".join(rng.choice(alphabet) for _ in range(n))


KEY = string.ascii_letters + string.digits
KEYX = KEY + "_-"


def openai_key(kind):
    prefix = {"legacy": "sk-", "proj": "sk-proj-", "svc": "sk-svcacct-", "admin": "sk-admin-"}[kind]
    if kind == "legacy":
        return prefix + rand_chars(KEY, 20) + "T3BlbkFJ" + rand_chars(KEY, 20)
    return prefix + rand_chars(KEYX, 74) + "T3BlbkFJ" + rand_chars(KEYX, 74)


def anthropic_key(admin=False):
    return ("sk-ant-admin01-" if admin else "sk-ant-api03-") + rand_chars(KEYX, 93) + "AA"


def google_key():
    return "AIza" + "Sy" + rand_chars(KEYX, 33)


def hf_token():
    while True:
        t = rand_chars(string.ascii_letters, 34)
        if any(c.isupper() for c in t) and any(c.islower() for c in t):
            return "hf_" + t


# ---------------------------------------------------------------- EMAIL
E = "EMAIL"
for lang, t in [
    ("en", "Hi, I never got the reset link. My account is {e}, can you resend it?"),
    ("en", "Please cc {e} on the invoice thread."),
    ("en", "From: Dana Whitfield <{e}>"),
    ("en", "Reply-To: {e}"),
    ("en", "User {e} reported that the export button does nothing."),
    ("en", "2024-03-02T10:14:55Z INFO login ok user={e} ip_country=US"),
    ("en", "Can you change the billing contact to {e}? Thanks!"),
    ("en", "contact me at {e}."),
    ("en", "The bounce came from {e} (mailbox full)."),
    ("en", "mailto:{e}?subject=Refund"),
    ("en", "Forwarding to {e} and {e2} for approval."),
    ("en", "hey it's me, new email is {e} — old one got hacked"),
    ("en", "Account owner: {e}; plan: Pro; seats: 12"),
    ("en", "I tried signing up with {e} but it says the address is taken"),
    ("en", "Escalated by {e} at 09:40."),
    ("es", "Hola, no me llega el mail de confirmación. Mi correo es {e}"),
    ("es", "Por favor escribime a {e} cuando esté listo el pedido."),
    ("es", "Enviá la factura a {e}, gracias."),
    ("es", "Usuario {e} no puede iniciar sesión desde ayer."),
    ("es", "De: Martín Gómez <{e}>"),
    ("es", "Mi mail personal es {e} y el laboral {e2}"),
    ("es", "Cambié el correo de contacto a {e}."),
    ("es", "Te reenvío lo que me mandó {e} sobre el reclamo."),
    ("es", "Correo: {e} | Tel: no informado"),
    ("es", "cualquier cosa escribime a {e} que lo veo a la noche"),
]:
    names = ["dana.whitfield", "jsmith", "maria.lopez", "ana+billing", "m.gomez", "soporte", "j_doe84", "Carlos.Ruiz", "lucia.fernandez", "b.o'neil", "kevin-o", "valen.sosa", "ops-team"]
    domains = ["gmail.com", "outlook.com", "acme-corp.com", "mail.example.co.uk", "hotmail.com.ar", "yahoo.com.ar", "fibertel.com.ar", "proton.me", "contoso.io", "uba.ar", "Empresa.COM.AR"]
    e1 = rng.choice(names) + "@" + rng.choice(domains)
    e2 = rng.choice(names) + "@" + rng.choice(domains)
    pos(E, lang, t.replace("{e}", m(E, e1), 1).replace("{e}", m(E, e1)).replace("{e2}", m(E, e2)))
# hard positives
pos(E, "es", "Mi correo es " + m(E, "josé.núñez@correo.com.ar") + ", con tilde.")
pos(E, "en", "Write to " + m(E, "first.last@sub.dept.university.edu") + " for transcripts.")
pos(E, "en", "Email: " + m(E, "ALICE.M@EXAMPLE.ORG"))
pos(E, "en", "[" + m(E, "pat@startup.ai") + "] said the webhook keeps timing out")
for t in [
    ("en", "Follow us on Twitter @acmesupport for status updates."),
    ("en", "Ping @maria.lopez in Slack, she owns the billing service."),
    ("en", "git clone git@github.com:acme/payments.git fails with permission denied"),
    ("en", "The retina logo is at /static/img/logo@2x.png and looks blurry."),
    ("en", "Run npm install @angular/core@17.3.1 then restart."),
    ("en", "pip install requests==2.31.0 @ file:///tmp/requests.whl"),
    ("en", "Send it to admin@localhost on the dev box."),
    ("en", "Meeting @ 3pm in room B, bring the laptop."),
    ("en", "Pricing: 10 units @ $4.99 each."),
    ("en", "The field accepts name@domain only if it has a TLD."),
    ("en", "Decorate the method with @Override and rebuild."),
    ("en", "docker pull nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31"),
    ("en", "Our address format is user(at)company(dot)com on the contact page."),
    ("en", "The email field was left empty: \"\" and the form still submitted."),
    ("en", "Use the @Scheduled annotation with a cron of 0 0 * * *."),
    ("en", "SMTP error 550 5.1.1 recipient rejected"),
    ("en", "ssh deploy@ci-runner-03 'systemctl restart app'"),
    ("en", "Tag @here: the 2.4.1 release is out."),
    ("en", "Cost per seat is 12 @ 15% discount."),
    ("en", "The regex ^[^@]+@[^@]+$ is too permissive."),
    ("es", "Seguinos en Instagram @tiendaonline.ar para novedades."),
    ("es", "Etiquetá a @juan.perez en el grupo así lo ve."),
    ("es", "El precio es 3 cuotas @ $12.500 sin interés."),
    ("es", "Corré npm i @nestjs/cli@10.3.2 y probá de nuevo."),
    ("es", "La imagen icono@3x.webp no carga en iPhone."),
    ("es", "El campo correo quedó como 'usuario@' y no validó."),
    ("es", "Nos juntamos @ la oficina a las 10."),
    ("es", "El remitente figura como MAILER-DAEMON sin dominio."),
    ("es", "Mandá un mensaje a @soporte por el chat interno."),
    ("es", "La dirección tiene el formato nombre arroba empresa punto com."),
    ("es", "Usá la anotación @Transactional en el servicio."),
    ("es", "El log dice: usuario=anónimo email=null."),
    ("en", "Set git config user.email to your work address, not a personal one."),
    ("en", "The header looked like From: \"Billing\" with no address at all."),
    ("en", "Avatar stored as avatars/user_1842@2x.jpg in the bucket."),
]:
    neg(E, *t)

# ---------------------------------------------------------------- PHONE
P = "PHONE"
def us_formats():
    a, x, s = nanp()
    return rng.choice([f"({a}) {x}-{s}", f"{a}-{x}-{s}", f"{a}.{x}.{s}", f"+1 {a} {x} {s}", f"+1 ({a}) {x}-{s}", f"1-{a}-{x}-{s}", f"+1-{a}-{x}-{s}", f"{a} {x} {s}"])

for lang, t in [
    ("en", "Call me back at {p} after 5pm."),
    ("en", "My cell is {p}, text is fine too."),
    ("en", "Customer phone: {p}"),
    ("en", "Please update the number on file to {p}."),
    ("en", "Left a voicemail at {p} but no answer."),
    ("en", "Support line {p} is down again, callers get a busy tone."),
    ("en", "callback_number={p} status=queued"),
    ("en", "You can reach our office on {p} or by e-mail."),
    ("en", "Emergency contact: Mark, {p}"),
    ("en", "The SMS code was sent to {p} but never arrived."),
    ("en", "Fax: {p}"),
    ("en", "He gave {p} as the delivery contact."),
]:
    pos(P, lang, t.replace("{p}", m(P, us_formats())))
pos(P, "en", "Front desk: " + m(P, "(212) 555-0123") + ", ask for Jo.")
pos(P, "en", "Try " + m(P, "212-555-0187") + " — that's the test line.")
intl = ["+44 20 7946 0958", "+44 7700 900123", "+49 30 901820", "+49 151 23456789", "+34 612 34 56 78", "+34 91 123 45 67", "+33 1 42 68 53 00", "+33 6 12 34 56 78", "+52 55 1234 5678", "+55 11 91234-5678", "+61 2 9876 5432", "+81 3-1234-5678", "+353 1 234 5678", "+447700900456", "+4915123456789", "+44 (0)20 7946 0321", "0044 20 7946 0999"]
for lang, t, p in zip(
    ["en", "en", "en", "en", "es", "es", "en", "es", "es", "es", "en", "en", "en", "en", "en", "en", "en"],
    [
        "Our London office: {p}.", "UK mobile {p}, WhatsApp works.", "Berlin reception {p}", "Handy: {p}",
        "Mi número en España es {p}", "Oficina Madrid: {p}", "Paris desk {p}", "Llamame al {p} cuando puedas",
        "Contacto en México: {p}", "WhatsApp Brasil {p}", "Sydney support {p}", "Tokyo office {p}", "Dublin line: {p}",
        "to={p} sms_status=delivered", "msisdn={p}", "Switchboard {p}", "From abroad dial {p}",
    ], intl):
    pos(P, lang, t.replace("{p}", m(P, p)))
ar = [
    ("es", "Mi celular es {p}, escribime por WhatsApp.", "+54 9 11 1234 5678"),
    ("es", "Tel: {p}", "+54 11 4123-4567"),
    ("es", "Llamar al {p} de 9 a 18.", "011 4123-4567"),
    ("es", "Cel. {p}", "15-1234-5678"),
    ("es", "Nuevo número: {p}", "+5491156781234"),
    ("es", "Córdoba: {p}", "+54 9 351 612-3456"),
    ("es", "Oficina La Plata {p}", "(0221) 423-4567"),
    ("es", "Atención al cliente {p}", "0800-333-1234"),
    ("es", "mi cel {p} (personal)", "011 15 4123-4567"),
    ("es", "Rosario, tel {p}", "0341 456-7890"),
    ("es", "Si no contesto probá al {p}", "15 5555 1234"),
    ("es", "Whatsapp: {p}", "+54 9 11 5555-1234"),
    ("es", "Contacto de entrega: {p}", "(011) 4555-6789"),
    ("es", "El cliente dejó el {p} para coordinar.", "011-4321-8765"),
    ("es", "Teléfono fijo {p}", "4123-4567"),
    ("es", "tel. particular {p}", "4786-1234"),
    ("en", "Buenos Aires office: {p}", "+54 11 5032-1100"),
    ("es", "Mendoza {p}", "0261 423-1234"),
    ("es", "Llamame al {p} o al fijo", "11 3456-7890"),
]
for lang, t, p in ar:
    pos(P, lang, t.replace("{p}", m(P, p)))
# hard positives: no separators, words around
pos(P, "en", "my number is " + m(P, "2125550199") + " thanks")
pos(P, "es", "Número: " + m(P, "1145678901") + " (sin el 15)")
pos(P, "en", "Call " + m(P, "1-800-555-0142") + " to cancel.")
for t in [
    ("en", "Invoice date 2024-03-15, due 2024-04-14."),
    ("en", "Order #112-4567890-1234567 hasn't shipped yet."),
    ("en", "Ticket ORD-2024-118273 was closed by mistake."),
    ("en", "Upgraded to v10.0.19045.3803 and the app crashes."),
    ("en", "The build number is 4.18.2301.1500."),
    ("en", "ISBN 978-0-13-468599-1 is out of stock."),
    ("en", "Tracking: 1Z 999 AA1 01 2345 6784"),
    ("en", "Revenue grew from $1,234,567 to $2,345,678."),
    ("en", "Ship to ZIP 10001-1234, apartment 4B."),
    ("en", "The meeting runs 10:30-11:45 on 03/15/2024."),
    ("en", "Fake numbers like 123-456-7890 fail validation, as they should."),
    ("en", "Coordinates: -34.6037, -58.3816"),
    ("en", "Pages 212-255 cover the appendix."),
    ("en", "Batch 2023-118-0042 was recalled."),
    ("en", "SKU 100-200-3000 is discontinued."),
    ("en", "Score was 3-1 at halftime, final 4-2."),
    ("en", "Stock moved +3.45% today, +12.50 points."),
    ("en", "Timestamp 1700000000123 in ms."),
    ("en", "Request took 1532 ms, 2048 bytes, 200 OK."),
    ("en", "Case number 0012-3456-7890 was reopened."),
    ("en", "Our tax year runs 2023-2024."),
    ("en", "Part no. 555-0123-A is the replacement."),
    ("en", "The serial is 5CG1234XYZ, model 840 G7."),
    ("es", "Factura B 0001-00012345 del 15/03/2024."),
    ("es", "El pedido 1234-5678 todavía no llegó."),
    ("es", "CBU 0170099220000067797370 a nombre de la empresa."),
    ("es", "Vencimiento 15.03.2024, importe $ 12.345,67."),
    ("es", "Expediente 2023-00451-8 en trámite."),
    ("es", "Legajo 4521-8876, área ventas."),
    ("es", "Versión 2.14.3 publicada el 01/02/2024."),
    ("es", "Código postal C1425 y B1636."),
    ("es", "Turno 10:30 a 11:15, consultorio 12."),
    ("es", "Remito 0003-00004567 firmado."),
    ("es", "Lote 20240315-001 vencido."),
    ("es", "Reclamo número 2024-033-001245 recibido."),
    ("es", "Cuotas: 12 de $ 4.500, total $ 54.000."),
    ("es", "El modelo SM-A515F/DSN no enciende."),
]:
    neg(P, *t)

# ---------------------------------------------------------------- CARD
C = "CARD"
cards = [
    (card("4", 16), [4, 4, 4, 4], " "), (card("4", 16), [4, 4, 4, 4], "-"), (card("4", 16), [16], ""), (card("4", 13), [13], ""),
    (card("51", 16), [4, 4, 4, 4], " "), (card("55", 16), [4, 4, 4, 4], ""), (card("2221", 16), [4, 4, 4, 4], " "), (card("2720", 16), [4, 4, 4, 4], "-"),
    (card("34", 15), [4, 6, 5], " "), (card("37", 15), [4, 6, 5], "-"), (card("37", 15), [15], ""),
    (card("6011", 16), [4, 4, 4, 4], " "), (card("65", 16), [4, 4, 4, 4], " "), (card("644", 16), [16], ""),
    (card("36", 14), [4, 6, 4], " "), (card("3528", 16), [4, 4, 4, 4], " "), (card("3589", 16), [16], ""),
    (card("62", 16), [4, 4, 4, 4], " "), (card("62", 19), [4, 4, 4, 4, 3], " "), (card("4", 19), [19], ""),
    (card("4", 16), [4, 4, 4, 4], " "), (card("53", 16), [4, 4, 4, 4], " "), (card("4", 16), [4, 4, 4, 4], " "),
    ("4111111111111111", [4, 4, 4, 4], " "), ("5555555555554444", [4, 4, 4, 4], " "), ("378282246310005", [4, 6, 5], " "),
    ("4242424242424242", [16], ""), ("6011111111111117", [4, 4, 4, 4], "-"), ("3530111333300000", [4, 4, 4, 4], " "),
    (card("4", 16), [4, 4, 4, 4], " "), (card("54", 16), [4, 4, 4, 4], " "), (card("4", 16), [4, 4, 4, 4], "-"),
    (card("300", 14), [4, 6, 4], " "), (card("5018", 16), [4, 4, 4, 4], " "),
]
templates = [
    ("en", "My card {c} was charged twice."), ("en", "Paid with {c}, exp 09/27."), ("en", "card_number={c} status=declined"),
    ("en", "Can you refund to {c}?"), ("en", "The customer read out {c} over the phone."), ("en", "Visa ending... actually the full number is {c}"),
    ("en", "Please bill {c} for the annual plan."), ("en", "Charge failed for {c}: insufficient funds."), ("en", "CC: {c}"),
    ("en", "I typed {c} and it says invalid."), ("en", "payment method {c} expires soon"), ("en", "New card on file: {c}."),
    ("es", "Mi tarjeta {c} me cobró dos veces."), ("es", "Pagué con la tarjeta {c}, vence 11/26."), ("es", "Tarjeta: {c}"),
    ("es", "Debitar de la {c} por favor."), ("es", "El número de la tarjeta es {c} y el código te lo paso aparte."),
    ("es", "Rechazaron la {c} sin motivo."), ("es", "Cargué {c} y no la toma."), ("es", "Usá la {c} para la renovación."),
]
for i, (num, sizes, sep) in enumerate(cards):
    lang, t = templates[i % len(templates)]
    pos(C, lang, t.replace("{c}", m(C, group(num, sizes, sep) if sep else num)))
pos(C, "en", "Card " + m(C, "4111-1111 1111-1111") + " (mixed separators).")
pos(C, "es", "tarjeta " + m(C, "4509 9535 6623 3704") + " visa débito")
negc = []
for prefix, length, sizes in [("4", 16, [4, 4, 4, 4]), ("51", 16, [4, 4, 4, 4]), ("37", 15, [4, 6, 5]), ("6011", 16, [4, 4, 4, 4]), ("4", 16, [16]), ("55", 16, [4, 4, 4, 4]), ("3528", 16, [4, 4, 4, 4]), ("4", 13, [13])]:
    negc.append(group(bad_luhn(card(prefix, length)), sizes, " ") if len(sizes) > 1 else bad_luhn(card(prefix, length)))
for lang, t, v in zip(
    ["en", "en", "en", "en", "es", "es", "es", "es"],
    ["I think I mistyped it: {v}", "card {v} rejected as invalid number", "Customer says the card is {v} but the form refuses it",
     "Checkout error for {v}: number fails check", "La tarjeta {v} da número inválido", "Cargué {v} y dice tarjeta inexistente",
     "El número {v} no pasa la validación", "Me dice que {v} no es válida"], negc):
    neg(C, lang, t.replace("{v}", v))
for t in [
    ("en", "Order 1234 5678 9012 3456 shipped yesterday."),
    ("en", "Card ending in 4242 was charged $19.99."),
    ("en", "Masked card: **** **** **** 1881"),
    ("en", "Saved card 4111 XXXX XXXX 1111 expired."),
    ("en", "USPS tracking 9400 1000 0000 0000 0000 00 shows delivered."),
    ("en", "IMEI 356938035643809 is blacklisted."),
    ("en", "Transaction id 9876543210123456 failed."),
    ("en", "Epoch 1700000000000 ms maps to Nov 2023."),
    ("en", "The UPC is 036000291452 on the box."),
    ("en", "Account 000123456789 at the credit union."),
    ("en", "Reference 7700 1234 5678 9012 3 on the statement."),
    ("en", "Use test token tok_visa instead of a real number."),
    ("en", "Container id 8f3a9b2c1d4e5f60 restarted."),
    ("en", "Device serial 1000 2000 3000 4000 registered."),
    ("es", "Pedido 2024 0315 0001 2345 despachado."),
    ("es", "Terminada en 1234, Visa."),
    ("es", "Número de operación 3021 4455 6677 8899 rechazada."),
    ("es", "CBU 2850590940090418135201 para transferir."),
    ("es", "Código de barras 7790070410193 del producto."),
    ("es", "Guía de envío 1200 3400 5600 7800 en tránsito."),
    ("es", "Tarjeta XXXX-XXXX-XXXX-5678 vencida."),
    ("es", "El CAE 74123456789012 de la factura."),
    ("es", "Socio número 0000 1111 2222 3333."),
    ("en", "Gift card code ABCD-EFGH-IJKL-MNOP redeemed."),
    ("en", "Phone {{PHONE:+44 20 7946 0958}} for card issues."),
    ("en", "Policy number 1234-5678-9012-3456 renewed."),
    ("en", "Hash prefix 1111222233334444 collided."),
]:
    neg(C, *t)

# ---------------------------------------------------------------- IBAN
I = "IBAN"
countries = ["DE", "ES", "FR", "GB", "IT", "NL", "BE", "PT", "CH", "IE", "AT", "PL"]
tmpl = [
    ("en", "Please wire the refund to {i}."), ("en", "IBAN: {i}"), ("en", "Our bank details changed, new IBAN {i}, BIC DEUTDEFF."),
    ("en", "The payout to {i} bounced."), ("en", "beneficiary_iban={i} amount=1200.00 EUR"), ("en", "Can you confirm {i} is correct?"),
    ("es", "Transferime a la cuenta {i}, titular Ana López."), ("es", "Mi IBAN es {i}"), ("es", "Devolución a {i} pendiente."),
    ("es", "Cuenta IBAN {i} (Banco Santander)"), ("es", "Por favor actualizá el IBAN a {i}."), ("es", "El pago a {i} fue rechazado."),
]
for i in range(36):
    c = countries[i % len(countries)]
    lang, t = tmpl[i % len(tmpl)]
    pos(I, lang, t.replace("{i}", m(I, iban(c, spaced=(i % 3 != 2)))))
pos(I, "en", "IBAN " + m(I, "GB82 WEST 1234 5698 7654 32") + " (the classic example one)")
pos(I, "en", "iban " + m(I, iban("DE").lower()) + " in lower case")
for i, c in enumerate(["DE", "ES", "FR", "GB", "IT", "NL", "BE", "PT", "CH", "IE", "AT", "PL", "DE", "ES"]):
    lang, t = [("en", "Wire to {v} failed: invalid IBAN."), ("es", "El IBAN {v} da error de dígito de control."), ("en", "Is {v} right? The bank says no.")][i % 3]
    neg(I, lang, t.replace("{v}", bad_iban(c, spaced=(i % 2 == 0))))
for t in [
    ("en", "We are ISO 27001 and SOC 2 certified."),
    ("en", "BIC DEUTDEFF500 for the Frankfurt branch."),
    ("en", "Flight DE2024 departs at 10:15."),
    ("en", "Product code GB12ABC3456 is backordered."),
    ("en", "Account 12345678, sort code 40-47-84 (UK)."),
    ("en", "The IBAN field must start with two letters."),
    ("en", "Part ES24-0001-2233 ships from Madrid."),
    ("en", "Invoice FR2024000123456789 paid."),
    ("en", "License key NL91-ABCD-EFGH-1234 activated."),
    ("en", "Shipment DE 1234 5678 9012 3456 78 in transit."),
    ("es", "CBU 0070999030004123456789 de Banco Galicia."),
    ("es", "Alias de la cuenta: casa.perro.sol"),
    ("es", "El lote IT2023XYZ9876 está vencido."),
    ("es", "Referencia PT50 sin más datos."),
    ("es", "Vuelo ES3345 demorado."),
    ("en", "Swift code CHASUS33 for the wire."),
    ("en", "VAT number DE123456789 on the invoice."),
    ("en", "Model BE16X-2000 discontinued."),
    ("es", "Número de cliente AR12 3456 7890 1234 5678."),
    ("en", "Routing number 021000021, account 000123456789."),
    ("en", "Hash GB82WEST is just a test string."),
    ("en", "Doc id PL6110901014 is truncated, the rest is in the PDF."),
]:
    neg(I, *t)

# ---------------------------------------------------------------- SSN
S = "SSN"
tmpl = [
    ("en", "My SSN is {s}."), ("en", "SSN: {s}"), ("en", "Applicant social security number {s}, DOB 04/12/1988."),
    ("en", "ssn={s} status=verified"), ("en", "I entered {s} on the W-9 and it was rejected."), ("en", "Employee record: Jane Roe, {s}, hired 2019."),
    ("en", "Please update my social to {s}, there was a typo."), ("en", "Her SSN ({s}) is on the tax form."), ("en", "tax_id: {s}"),
    ("es", "Mi número de seguro social es {s}."), ("es", "SSN del empleado: {s}"), ("es", "Cargó {s} como SSN en el formulario."),
]
for i in range(34):
    lang, t = tmpl[i % len(tmpl)]
    pos(S, lang, t.replace("{s}", m(S, ssn())))
pos(S, "en", "SSN " + m(S, "123 45 6789") + " written with spaces")
pos(S, "en", "SSN: " + m(S, "219456789") + " (no dashes)")
pos(S, "en", "social security no. " + m(S, "536-90-4399"))
for t in [
    ("en", "SSN 000-12-3456 is not a valid number."),
    ("en", "The form rejected 666-45-1234, area 666 is never issued."),
    ("en", "ITIN 912-70-1234 belongs to a non-resident."),
    ("en", "Tried 123-00-4567 but the group can't be 00."),
    ("en", "Serial 0000 in 123-45-0000 is invalid."),
    ("en", "Number 987-65-4321 is reserved for advertising."),
    ("en", "Ship to ZIP 12345-6789."),
    ("en", "Call {{PHONE:212-555-0123}} for help."),
    ("en", "Part 123-45-67890 is out of stock."),
    ("en", "Date 2024-03-15 is the deadline."),
    ("en", "Score 12-34-56 in the tournament."),
    ("en", "Model 900-12-3456 printer."),
    ("en", "Case 22-CV-1234 filed in district court."),
    ("en", "SSN on file: ***-**-6789"),
    ("en", "Only the last four of the SSN (6789) are stored."),
    ("en", "Ref 078-05-1120 is the famous Woolworth wallet number."),
    ("en", "Invoice 001-23-4567 was voided."),
    ("en", "Room 12-345 on floor 3."),
    ("en", "Lot 99-88-7766 expired."),
    ("en", "Order 1234-56-789 pending."),
    ("en", "The SSN field is optional."),
    ("en", "Temperature log 10-20-2024 reading 98.6."),
    ("en", "Version 1-2-3456 of the template."),
    ("es", "El expediente 123-45-67890 está archivado."),
    ("es", "Fecha 15-03-2024."),
    ("es", "Factura 0001-00012345."),
    ("es", "Pedido 450-12-0000 anulado."),
    ("es", "Código 666-12-3456 de producto."),
    ("es", "Interno 900-55-1234."),
    ("es", "Ruta 40-12-3456 km."),
    ("es", "Legajo 000-11-2222 dado de baja."),
    ("en", "XXX-XX-1234 is how we mask it."),
    ("en", "Employee id E-123-45-6789-X."),
]:
    neg(S, *t)

# ---------------------------------------------------------------- DNI
D = "DNI"
tmpl = [
    ("es", "Mi DNI es {d}, a nombre de Juan Pérez."), ("es", "DNI: {d}"), ("es", "D.N.I. N° {d}"), ("es", "Nombre: Laura Díaz - DNI {d} - Tel: no"),
    ("es", "Adjunto foto del DNI {d} frente y dorso."), ("es", "documento {d}, fecha de nacimiento 12/05/1990"), ("es", "N° de documento: {d}"),
    ("es", "Titular: Marcos Ruiz, DNI nro. {d}"), ("es", "dni {d} para el turno"), ("es", "Presentó documento nacional de identidad {d}."),
    ("es", "Le falta validar el D.N.I. {d} en el sistema."), ("es", "Número de DNI: {d}"), ("en", "Customer's Argentine ID (DNI) {d} is on file."),
    ("en", "DNI {d} was rejected by the KYC provider."), ("es", "Mi documento es el {d}."), ("es", "DNI N° {d}, domicilio en Av. Corrientes 1234."),
]
for i in range(36):
    lang, t = tmpl[i % len(tmpl)]
    pos(D, lang, t.replace("{d}", m(D, dni(dotted=(i % 3 != 1)))))
pos(D, "es", m(D, "30.123.456") + " (DNI del titular)")
pos(D, "es", "Documento de identidad: pasaporte no, DNI sí, el " + m(D, "27.654.321"))
for t in [
    ("es", "Pedido 30123456 entregado."),
    ("es", "Expediente 12.345.678 en trámite."),
    ("es", "Legajo 35123456 del área comercial."),
    ("es", "Importe: $ 12.345.678 a pagar."),
    ("es", "El DNI vencido no sirve para viajar."),
    ("es", "Necesito sacar turno para renovar el DNI."),
    ("es", "La población es de 46.234.830 habitantes según el censo."),
    ("es", "CP 1425, Palermo."),
    ("es", "Saldo $ 1.234.567,89 al cierre."),
    ("es", "Factura 0001-00012345 vinculada al DNI del cliente."),
    ("es", "Número de socio 28456789."),
    ("es", "El DNI tiene 8 dígitos y a veces puntos."),
    ("es", "Subí la foto del DNI pero quedó borrosa."),
    ("es", "Visitas: 12.345.678 en el mes."),
    ("es", "Ref. interna 40.123.456 (no es documento)."),
    ("es", "El monto de la deuda es 3.456.789 pesos."),
    ("es", "Código de seguimiento 87654321."),
    ("es", "Tel {{PHONE:4123-4567}} para consultas de DNI."),
    ("es", "Número de trámite 00512345678 del DNI."),
    ("es", "Kilometraje 123.456 km."),
    ("en", "Project budget 12,345,678 USD."),
    ("en", "Order 30123456 shipped; no DNI required."),
    ("en", "DNI stands for Documento Nacional de Identidad."),
    ("en", "Build 28.456.789 failed."),
    ("es", "La cuenta 12345678/9 del banco."),
    ("es", "Matrícula profesional 123.456."),
    ("es", "Patente AB 123 CD."),
    ("es", "Lote 20.000.000 unidades."),
    ("es", "El CUIT 20-30123456-? está incompleto."),
    ("es", "Contraseña de 8 dígitos 12345678."),
    ("es", "Pasaporte AAB123456."),
    ("es", "Dirección: Rivadavia 12345, piso 8."),
    ("es", "Ingresos anuales 15.000.000."),
    ("es", "Documentación: 3 archivos, 12.456.789 bytes."),
]:
    neg(D, *t)

# ---------------------------------------------------------------- CUIT
K = "CUIT"
tmpl = [
    ("es", "CUIT: {k}"), ("es", "Facturar a Servicios SRL, CUIT {k}."), ("es", "Mi CUIL es {k}."), ("es", "Razón social: Pérez Hnos, C.U.I.T. {k}"),
    ("es", "El proveedor con CUIT {k} no emitió la factura."), ("es", "cuit={k} condicion=RI"), ("es", "Necesito el certificado de retención para {k}."),
    ("es", "Titular {k}, monotributista categoría A."), ("en", "Argentine tax id (CUIT) {k} for the invoice."), ("es", "Mandá la nota de crédito al {k}."),
    ("es", "CUIL del empleado: {k}"), ("es", "Datos fiscales {k} - IVA Responsable Inscripto"),
]
for i in range(34):
    lang, t = tmpl[i % len(tmpl)]
    if i % 6 == 5:
        v = cuit(sep="")
    elif i % 6 == 4:
        v = cuit(dotted=True)
    else:
        v = cuit()
    pos(K, lang, t.replace("{k}", m(K, v)))
pos(K, "es", "cuit " + m(K, cuit(sep=" ")) + " con espacios")
pos(K, "es", "Factura a nombre de " + m(K, cuit(sep="")) + " (sin guiones, sin la palabra)")
for i in range(14):
    lang, t = [("es", "El CUIT {v} no existe en AFIP."), ("es", "Me rechazaron {v} por dígito verificador."), ("en", "Tax id {v} fails the check digit.")][i % 3]
    neg(K, lang, t.replace("{v}", bad_cuit()))
for t in [
    ("es", "Tel {{PHONE:11-4123-4567}} de la oficina."),
    ("es", "Fecha 20-03-2024 de emisión."),
    ("es", "Pedido 21-30123456-7 con prefijo inválido."),
    ("es", "Factura 0001-00012345."),
    ("es", "Código 99-12345678-1 de producto."),
    ("es", "Rango 30-40-50 del reporte."),
    ("es", "Expediente 20-2024-000123."),
    ("es", "Número 12345678901 del sistema."),
    ("es", "El CUIT tiene 11 dígitos con guiones."),
    ("es", "Lote 33-000-111 vencido."),
    ("es", "Referencia 2730123456 incompleta."),
    ("es", "Legajo 27-123 de RR.HH."),
    ("es", "CAE 71234567890123 de la factura."),
    ("es", "Teléfono {{PHONE:0341-456-7890}} de Rosario."),
    ("es", "Ticket 20-00000000-0 de prueba."),
    ("en", "Timestamp 2024-03-20-12345678-9 in the log."),
    ("en", "Ranges 23-45678901-2 failed the check."),
    ("es", "CUIT genérico 99-99999999-9 para consumidor final."),
    ("es", "Versión 30.12.3456 del sistema."),
    ("es", "Punto de venta 00020 comprobante 00030123."),
]:
    neg(K, *t)

# ---------------------------------------------------------------- IP
IP = "IP"
v4 = ["192.168.1.10", "10.0.0.5", "203.0.113.45", "8.8.8.8", "198.51.100.7", "172.16.254.1", "100.64.12.3", "52.14.200.99", "127.0.0.1", "181.47.12.200", "190.210.3.55", "1.1.1.1", "45.33.32.156", "10.10.10.254", "34.117.59.81", "200.45.191.35", "255.255.255.0", "0.0.0.0"]
v6 = ["2001:db8::1", "fe80::1ff:fe23:4567:890a", "2001:0db8:85a3:0000:0000:8a2e:0370:7334", "::1", "2001:db8:85a3::8a2e:370:7334", "2606:4700:4700::1111", "2800:810:54a:7f00::2", "::ffff:192.0.2.128", "2001:DB8:0:0:8:800:200C:417A", "fd12:3456:789a:1::1", "2a03:2880:f12f:83:face:b00c::25de", "2001:4860:4860::8888", "fe80::a00:27ff:fe4e:66a1", "2001:db8:1234::"]
tmpl = [
    ("en", "Login from {ip} was blocked."), ("en", "client={ip} method=GET path=/api/v1/users status=403"), ("en", "Whitelist {ip} in the firewall please."),
    ("en", "The server at {ip} stopped answering."), ("en", "Suspicious requests from {ip} all night."), ("en", "ssh admin@{ip} works but sftp doesn't"),
    ("en", "nslookup returns {ip} for api.acme.io"), ("es", "Me bloquearon la IP {ip}, ¿la pueden liberar?"), ("es", "El servidor {ip} no responde."),
    ("es", "Accesos desde {ip} fuera de horario."), ("es", "Configuré el DNS en {ip}."), ("es", "ip={ip} usuario=mgomez resultado=fallido"),
]
for i, a in enumerate(v4 + v6):
    lang, t = tmpl[i % len(tmpl)]
    pos(IP, lang, t.replace("{ip}", m(IP, a)))
pos(IP, "en", "GET / from " + m(IP, "203.0.113.9") + ":51234")
pos(IP, "en", "Listen on [" + m(IP, "2001:db8::2") + "]:8080")
pos(IP, "en", "Route " + m(IP, "10.0.0.0") + "/16 via " + m(IP, "10.0.0.1"))
pos(IP, "es", "La IP pública es " + m(IP, "190.16.5.33") + ".")
pos(IP, "en", "X-Forwarded-For: " + m(IP, "198.51.100.23") + ", " + m(IP, "10.1.2.3"))
pos(IP, "en", "Subnet " + m(IP, "192.168.0.0") + "/24 is the office LAN.")
for t in [
    ("en", "Upgrade from 1.2.3.4.5 to 1.2.4 fixed it."),
    ("en", "Version 4.2.1.0 is the latest installer."),
    ("en", "256.100.50.25 is not a valid address."),
    ("en", "Use 192.168.1 as the prefix."),
    ("en", "Address 10.0.0.256 was rejected."),
    ("en", "Logged at 12:30:45 on Tuesday."),
    ("en", "MAC 00:1A:2B:3C:4D:5E on eth0."),
    ("en", "Call std::vector<int>::push_back twice."),
    ("en", "OID 1.3.6.1.2.1.1.3 for sysUpTime."),
    ("en", "Aspect ratio 16:9 looks stretched."),
    ("en", "Windows build 10.0.19045 is affected."),
    ("en", "Python 3.11.4 and pip 23.2.1 installed."),
    ("en", "Section 3.2.1 of the RFC."),
    ("en", "Price 1.299.999 in the catalogue."),
    ("en", "Date 2024.03.15 in the header."),
    ("en", "Time range 09:00:00-17:30:00."),
    ("en", "Hash a3f5:9b2c in the diff."),
    ("en", "Namespace Foo::Bar::Baz is deprecated."),
    ("en", "Package version 2.0.0.1-beta."),
    ("en", "Latency p99 1.234.5 seconds"),
    ("en", "Kubernetes 1.28.3 on nodes."),
    ("es", "La versión 10.4.2.7 del sistema ya salió."),
    ("es", "Monto $ 1.234.567 a pagar."),
    ("es", "Hora 23:59:59 de cierre."),
    ("es", "Norma ISO 9001:2015 vigente."),
    ("es", "Artículo 14.2.3 del contrato."),
    ("es", "Teléfono {{PHONE:11.4123.4567}} del local."),
    ("es", "Firmware 1.0.12.300 instalado."),
    ("es", "Dirección MAC a4:5e:60:e8:1f:2b del equipo."),
    ("es", "Índice 3.14.15.926 de la tabla."),
    ("en", "Bible verse John 3:16:1 quoted."),
    ("en", "The IPv6 field accepts :: only for unspecified."),
    ("en", "Commit deadbeef:cafe was reverted."),
    ("en", "Score 1.2.3.4.5.6 in the chart."),
]:
    neg(IP, *t)

# ---------------------------------------------------------------- API_KEY
A = "API_KEY"
keys = [openai_key("legacy"), openai_key("proj"), openai_key("svc"), openai_key("admin"), openai_key("proj"), openai_key("legacy"), openai_key("proj"),
        anthropic_key(), anthropic_key(), anthropic_key(admin=True), anthropic_key(),
        google_key(), google_key(), google_key(), google_key(),
        hf_token(), hf_token(), hf_token(), hf_token(),
        openai_key("proj"), anthropic_key(), google_key(), hf_token(), openai_key("svc"), openai_key("legacy"),
        openai_key("proj"), anthropic_key(), google_key(), hf_token(), openai_key("admin"), anthropic_key(admin=True), google_key(), hf_token(), openai_key("proj")]
tmpl = [
    ("en", "Here is my key, can you check why it fails? {k}"), ("en", "OPENAI_API_KEY={k}"), ("en", "export ANTHROPIC_API_KEY=\"{k}\""),
    ("en", "Authorization: Bearer {k}"), ("en", "I accidentally pasted {k} in the public channel, rotate it please"), ("en", "api_key: '{k}'"),
    ("en", "key={k} status=401"), ("es", "Esta es mi clave: {k} y no anda"), ("es", "Usé la key {k} en producción por error."),
    ("es", "token {k}"), ("es", "La variable quedó así: API_KEY={k}"), ("en", "\"apiKey\": \"{k}\","),
]
for i, k in enumerate(keys):
    lang, t = tmpl[i % len(tmpl)]
    pos(A, lang, t.replace("{k}", m(A, k)))
for t in [
    ("en", "Set OPENAI_API_KEY=sk-your-key-here before running."),
    ("en", "Replace sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx with your key."),
    ("en", "We use scikit-learn (sk-learn) for the baseline."),
    ("en", "task-1234567890abcdef1234567890abcdef is queued."),
    ("en", "Commit 9fceb02d0ae598e95dc970b74767f19372d61af8 broke the build."),
    ("en", "Request id req_5f2c9a1b7e3d4c8a9b0e1f2a3b4c5d6e"),
    ("en", "UUID 123e4567-e89b-12d3-a456-426614174000 not found."),
    ("en", "sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    ("en", "The key looks like sk-proj-... (redacted in logs)."),
    ("en", "Key sk-ant-api03-short is obviously truncated."),
    ("en", "Google key AIzaSyD-short-one was revoked."),
    ("en", "Call hf_hub_download with repo_id and filename."),
    ("en", "Enable hf_transfer for faster downloads."),
    ("en", "Set HF_TOKEN in the Space secrets."),
    ("en", "risk-assessment-2024-final-version-approved.docx"),
    ("en", "Stripe test key sk_test_placeholder goes in .env.example."),
    ("en", "sk-1234567890abcdef1234567890abcdef1234567890abcdef (a made-up placeholder from the README)"),
    ("en", "The JWT eyJhbGciOiJIUzI1NiJ9.e30.abc is expired."),
    ("en", "Base64 T3BlbkFJ decodes to 'OpenAI'."),
    ("en", "AIza is the prefix of Google API keys."),
    ("en", "hf_abcdefghijklmnopqrstuvwxyzabcdefgh looks like a token but is all lower case."),
    ("es", "Poné tu clave en OPENAI_API_KEY, no en el código."),
    ("es", "La clave es sk-... la tengo en el gestor de secretos."),
    ("es", "El hash md5 es d41d8cd98f00b204e9800998ecf8427e."),
    ("es", "Tarea desk-2024-000123-urgente asignada."),
    ("es", "ID de sesión sess_8f7e6d5c4b3a29180716253443526170."),
    ("es", "El token de GitHub empieza con ghp_ y no va acá."),
    ("es", "Usá hf_hub para bajar el modelo."),
    ("es", "Clave sk-ant-XXXXXXXXXXXX (enmascarada)."),
    ("en", "AIzaSyA-this-is-too-short-to-be-real"),
    ("en", "AKIAIOSFODNN7EXAMPLE is the AWS docs example."),
    ("en", "The model id is claude-sonnet-4-5-20250929."),
    ("en", "Path /v1/models/sk-classifier/versions/3 returns 404."),
    ("en", "Bucket name ask-proj-data-lake-2024-eu-west-1-backups."),
]:
    neg(A, *t)

with open(__file__.rsplit("/", 1)[0] + "/pii-labelled.tsv", "w", encoding="utf-8", newline="\n") as f:
    f.write("# target\tpolarity\tlang\ttext  (generated by make_labelled_set.py; {{KIND:value}} marks an expected span)\n")
    for r in rows:
        assert "\t" not in r[3] and "\n" not in r[3]
        f.write("\t".join(r) + "\n")

import collections
spans = collections.Counter()
negs = collections.Counter()
for kind, pol, lang, text in rows:
    if pol == "neg":
        negs[kind] += 1
    i = 0
    while (j := text.find("{{", i)) >= 0:
        spans[text[j + 2:text.index(":", j)]] += 1
        i = j + 2
print("spans", dict(spans), sum(spans.values()))
print("neg lines", dict(negs), sum(negs.values()))

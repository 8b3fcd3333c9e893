import json
import stat
from datetime import timedelta
from pathlib import Path

import jsonschema
import jwt
from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.test import override_settings
from django.utils import timezone

from convener.certificates import actions, credential, keys
from convener.certificates.models import Certificate, normalize_code
from convener.courses import actions as course_actions
from convener.test import PASSWORD, CourseTestCase, is_tagged, read_pdf

RIGHT = {"main-job": [0], "good-habits": [0, 1], "silence": [1]}


def schema_dir():
    """The 1EdTech JSON Schemas, copied unchanged from the spec's repository (see the README there)."""
    return Path(settings.BASE_DIR) / "tests" / "fixtures" / "openbadges-3.0"


class CertificateTestCase(CourseTestCase):
    def complete_course(self, user):
        with self.captureOnCommitCallbacks(execute=True):
            for lesson in self.course.modules.get(slug="first-steps").lessons.filter(required=True):
                course_actions.complete_lesson(user, lesson)
            practice = self.course.modules.get(slug="practice")
            course_actions.complete_lesson(user, practice.lessons.get(slug="the-loud-voice"))
            course_actions.complete_lesson(user, practice.lessons.get(slug="start-your-plan"))
            course_actions.submit_check(user, practice.lessons.get(slug="quick-check"), RIGHT)

    def issued(self, user=None, name="Lee Q. Learner"):
        user = user or self.learner
        self.complete_course(user)
        return actions.issue(user, self.course, name)


class IssuingTests(CertificateTestCase):
    def test_completion_offers_the_certificate_by_email(self):
        self.complete_course(self.learner)
        self.assertEqual(len(mail.outbox), 1)
        self.assertIn("/certificates/claim/sample-course/", mail.outbox[0].body)

    def test_the_learner_confirms_the_name_then_it_is_issued_once(self):
        self.complete_course(self.learner)
        self.client.force_login(self.learner)
        r = self.client.get("/certificates/claim/sample-course/")
        self.assertContains(r, 'value="Lee Learner"')
        self.client.post("/certificates/claim/sample-course/", {"name": "Lee Q. Learner"})
        self.client.post("/certificates/claim/sample-course/", {"name": "Lee Q. Learner"})
        [certificate] = Certificate.objects.all()
        self.assertEqual(
            (certificate.name, certificate.hours), ("Lee Q. Learner", self.course.estimated_hours)
        )
        self.assertContains(self.client.get("/certificates/"), certificate.display_code)

    def test_completion_firing_twice_still_issues_once(self):
        self.complete_course(self.learner)
        self.complete_course(self.learner)
        actions.issue(self.learner, self.course, "Lee")
        actions.issue(self.learner, self.course, "Lee")
        self.assertEqual(Certificate.objects.count(), 1)

    def test_no_certificate_before_completion(self):
        self.client.force_login(self.learner)
        r = self.client.post("/certificates/claim/sample-course/", {"name": "Lee"})
        self.assertRedirects(r, "/learn/sample-course/")
        self.assertFalse(Certificate.objects.exists())

    def test_an_empty_name_is_an_error(self):
        self.complete_course(self.learner)
        self.client.force_login(self.learner)
        self.assertContains(
            self.client.post("/certificates/claim/sample-course/", {"name": " "}), "This field is required"
        )

    def test_claiming_needs_an_account(self):
        self.assertEqual(self.client.get("/certificates/claim/sample-course/").status_code, 302)

    def test_codes_are_unambiguous_and_typed_in_any_case(self):
        certificate = self.issued()
        self.assertFalse(set(certificate.code) & set("01OIL"))
        self.assertEqual(normalize_code(certificate.display_code.lower()), certificate.code)


class PdfTests(CertificateTestCase):
    def test_the_pdf_has_the_name_code_and_verification_address(self):
        certificate = self.issued()
        self.client.force_login(self.learner)
        r = self.client.get(f"/certificates/{certificate.code}.pdf")
        pdf = read_pdf(r.content)
        text = " ".join(page.extract_text() for page in pdf.pages)
        self.assertTrue(is_tagged(pdf))
        self.assertEqual(len(pdf.pages), 1)
        for expected in (
            "Lee Q. Learner",
            "Sample Course",
            certificate.display_code,
            certificate.verification_url,
        ):
            self.assertIn(expected, text)

    def test_only_the_holder_downloads_it(self):
        certificate = self.issued()
        self.client.force_login(self.outsider)
        self.assertEqual(self.client.get(f"/certificates/{certificate.code}.pdf").status_code, 404)
        self.client.logout()
        self.assertEqual(self.client.get(f"/certificates/{certificate.code}.pdf").status_code, 302)


class VerificationTests(CertificateTestCase):
    def setUp(self):
        cache.clear()

    def test_a_valid_certificate_shows_only_the_public_facts(self):
        certificate = self.issued()
        r = self.client.get(f"/certificates/verify/{certificate.code.lower()}/")
        self.assertContains(r, "is valid")
        self.assertContains(r, "Lee Q. Learner")
        self.assertContains(r, "Sample Course")
        self.assertNotContains(r, "lee@example.org")
        self.assertNotContains(r, "Wyoming")

    def test_a_revoked_certificate_says_so_with_the_date(self):
        certificate = self.issued()
        actions.revoke(certificate, "Issued in error.")
        r = self.client.get(f"/certificates/verify/{certificate.code}/")
        self.assertContains(r, "was revoked on")
        self.assertContains(r, "Issued in error.")

    def test_an_unknown_code(self):
        self.assertContains(
            self.client.get("/certificates/verify/ABCDEFGHJK/"),
            "No certificate has the code",
            status_code=404,
        )

    def test_the_form_takes_a_typed_code(self):
        certificate = self.issued()
        r = self.client.get("/certificates/verify/", {"code": certificate.display_code.lower()})
        self.assertRedirects(r, f"/certificates/verify/{certificate.code}/")
        self.assertContains(
            self.client.get("/certificates/verify/", {"code": "I0O1"}), "not a certificate code"
        )

    @override_settings(VERIFY_LOOKUPS_PER_ADDRESS=3)
    def test_lookups_are_rate_limited(self):
        for _ in range(3):
            self.client.get("/certificates/verify/ABCDEFGHJK/")
        self.assertEqual(self.client.get("/certificates/verify/ABCDEFGHJK/").status_code, 429)

    def test_withdrawn_on_account_deletion(self):
        certificate = self.issued()
        self.client.force_login(self.learner)
        self.client.post("/account/my-data/delete/", {"password": PASSWORD, "certificates": "withdraw"})
        r = self.client.get(f"/certificates/verify/{certificate.code}/")
        self.assertContains(r, "was withdrawn by its holder")
        self.assertNotContains(r, "Lee Q. Learner")

    def test_kept_verifiable_on_account_deletion(self):
        certificate = self.issued()
        self.client.force_login(self.learner)
        self.client.post("/account/my-data/delete/", {"password": PASSWORD, "certificates": "keep"})
        self.assertContains(self.client.get(f"/certificates/verify/{certificate.code}/"), "Lee Q. Learner")
        self.assertIsNone(Certificate.objects.get().user)

    def test_deleting_an_account_with_certificates_asks_what_to_do(self):
        self.issued()
        self.client.force_login(self.learner)
        r = self.client.post("/account/my-data/delete/", {"password": PASSWORD})
        self.assertContains(r, "Choose what happens to your certificates.", status_code=400)


class OpenBadgeTests(CertificateTestCase):
    def badge(self, certificate):
        self.client.force_login(self.learner)
        r = self.client.get(f"/certificates/{certificate.code}.jwt")
        self.assertEqual(r["Content-Type"], "application/jwt")
        return r.content.decode()

    def published_key(self, token):
        kid = jwt.get_unverified_header(token)["kid"]
        path = kid.removeprefix(settings.SITE_URL)
        jwk = json.loads(self.client.get(path).content)
        jwks = json.loads(self.client.get("/certificates/jwks.json").content)
        self.assertIn(jwk, jwks["keys"])
        return jwt.PyJWK(jwk).key

    def test_the_credential_validates_against_the_1edtech_schema(self):
        certificate = self.issued()
        document = credential.credential(certificate)
        schema = json.loads((schema_dir() / "achievementcredential.schema.json").read_text())
        jsonschema.Draft201909Validator(schema).validate(document)
        self.assertIn("OpenBadgeCredential", document["type"])
        identity = document["credentialSubject"]["identifier"][0]
        self.assertTrue(identity["identityHash"].startswith("sha256$"))
        self.assertNotIn("lee@example.org", json.dumps(document))

    def test_the_jwt_verifies_with_the_published_keys_using_pyjwt(self):
        certificate = self.issued()
        token = self.badge(certificate)
        header = jwt.get_unverified_header(token)
        self.assertEqual((header["alg"], header["typ"]), ("RS256", "JWT"))
        payload = jwt.decode(
            token, self.published_key(token), algorithms=["RS256"], options={"verify_aud": False}
        )
        self.assertEqual(payload["jti"], certificate.credential_id)
        self.assertEqual(payload["iss"], payload["issuer"]["id"])
        self.assertEqual(payload["sub"], payload["credentialSubject"]["id"])

    def test_a_tampered_payload_fails(self):
        token = self.badge(self.issued())
        header, payload, signature = token.split(".")
        claims = json.loads(jwt.utils.base64url_decode(payload))
        claims["credentialSubject"]["achievement"]["name"] = "Something else"
        forged = ".".join(
            [header, jwt.utils.base64url_encode(json.dumps(claims).encode()).decode(), signature]
        )
        with self.assertRaises(jwt.InvalidSignatureError):
            jwt.decode(forged, self.published_key(token), algorithms=["RS256"])

    def test_a_wrong_key_fails(self):
        from cryptography.hazmat.primitives.asymmetric import rsa

        token = self.badge(self.issued())
        other = rsa.generate_private_key(public_exponent=65537, key_size=2048).public_key()
        with self.assertRaises(jwt.InvalidSignatureError):
            jwt.decode(token, other, algorithms=["RS256"])

    def test_an_expired_token_fails(self):
        certificate = self.issued()
        key = keys.current_key()
        past = int((timezone.now() - timedelta(days=2)).timestamp())
        token = key.sign_jwt({**credential.credential(certificate), "nbf": past - 10, "exp": past})
        with self.assertRaises(jwt.ExpiredSignatureError):
            jwt.decode(token, jwt.PyJWK(key.public_jwk()).key, algorithms=["RS256"])

    def test_rotation_keeps_old_badges_verifiable_and_retiring_a_key_unpublishes_it(self):
        certificate = self.issued()
        old_token = self.badge(certificate)
        old_key = self.published_key(old_token)
        keys.create_key()
        new_token = self.badge(certificate)
        self.assertNotEqual(
            jwt.get_unverified_header(old_token)["kid"], jwt.get_unverified_header(new_token)["kid"]
        )
        jwt.decode(old_token, self.published_key(old_token), algorithms=["RS256"])
        self.assertIsNotNone(old_key)
        old_name = keys.active_keys()[0].name
        keys.retire_key(old_name)
        kid_path = jwt.get_unverified_header(old_token)["kid"].removeprefix(settings.SITE_URL)
        self.assertEqual(self.client.get(kid_path).status_code, 404)

    def test_keys_are_private_to_their_owner(self):
        keys.current_key()
        for path in keys.key_dir().glob("*.pem"):
            self.assertEqual(stat.S_IMODE(path.stat().st_mode), 0o600)

    def test_revocation_appears_in_the_published_list(self):
        certificate = self.issued()
        document = json.loads(self.client.get("/certificates/revocations").content)
        self.assertEqual(document["revokedCredentials"], [])
        actions.revoke(certificate, "Issued in error.")
        r = self.client.get("/certificates/revocations")
        self.assertIn("no-cache", r["Cache-Control"])
        [entry] = json.loads(r.content)["revokedCredentials"]
        self.assertEqual(
            (entry["id"], entry["revocationReason"]), (certificate.credential_id, "Issued in error.")
        )

    def test_issuer_and_achievement_resolve(self):
        certificate = self.issued()
        document = credential.credential(certificate)
        issuer = json.loads(self.client.get(document["issuer"]["id"].removeprefix(settings.SITE_URL)).content)
        self.assertEqual(issuer["name"], settings.CONVENER_ISSUER_NAME)
        schema = json.loads((schema_dir() / "profile.schema.json").read_text())
        jsonschema.Draft201909Validator(schema).validate(issuer)
        achievement_id = document["credentialSubject"]["achievement"]["id"]
        self.assertEqual(
            json.loads(self.client.get(achievement_id.removeprefix(settings.SITE_URL)).content)["name"],
            "Sample Course",
        )


class AdministratorTests(CertificateTestCase):
    def test_administrators_list_revoke_and_reissue(self):
        certificate = self.issued(name="Lee Lerner")
        self.client.force_login(self.administrator)
        self.assertContains(
            self.client.get("/certificates/manage/", {"q": "Lerner"}), certificate.display_code
        )
        url = f"/certificates/manage/{certificate.code}/"
        r = self.client.post(url, {"action": "reissue", "name": "Lee Learner"})
        replacement = Certificate.objects.active().get()
        self.assertRedirects(r, f"/certificates/manage/{replacement.code}/")
        self.assertEqual(replacement.name, "Lee Learner")
        old = Certificate.objects.get(pk=certificate.pk)
        self.assertIn(replacement.display_code, old.revocation_reason)
        self.client.post(
            f"/certificates/manage/{replacement.code}/", {"action": "revoke", "reason": "Fraud."}
        )
        self.assertEqual(Certificate.objects.get(pk=replacement.pk).status, "revoked")

    def test_a_revocation_needs_a_reason(self):
        certificate = self.issued()
        self.client.force_login(self.administrator)
        r = self.client.post(f"/certificates/manage/{certificate.code}/", {"action": "revoke", "reason": ""})
        self.assertContains(r, "This field is required", status_code=400)
        self.assertEqual(Certificate.objects.get().status, "valid")

    def test_learners_cannot_manage(self):
        certificate = self.issued()
        self.client.force_login(self.learner)
        self.assertEqual(self.client.get("/certificates/manage/").status_code, 403)
        r = self.client.post(f"/certificates/manage/{certificate.code}/", {"action": "revoke", "reason": "x"})
        self.assertEqual(r.status_code, 403)
        self.assertEqual(Certificate.objects.get().status, "valid")

    def test_wrong_method(self):
        self.client.force_login(self.administrator)
        self.assertEqual(self.client.post("/certificates/manage/").status_code, 405)

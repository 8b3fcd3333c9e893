import base64

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET, require_http_methods

from convener.accounts.decorators import staff_required
from convener.courses.access import get_course_for_user
from convener.courses.models import Course, CourseCompletion
from convener.lib.pdf import render_pdf
from convener.lib.ratelimit import too_many

from . import actions, credential, keys
from .access import find_certificate_by_code, get_certificate_for_owner, get_certificate_for_staff
from .forms import ClaimForm, ReissueForm, RevokeForm, VerifyForm
from .models import Certificate


@login_required
@require_GET
def mine(request):
    certificates = Certificate.objects.active().filter(user=request.user).select_related("course")
    have = {c.course_id for c in certificates}
    claimable = [
        c.course
        for c in CourseCompletion.objects.filter(user=request.user).select_related("course")
        if c.course_id not in have
    ]
    return render(request, "certificates/mine.html", {"certificates": certificates, "claimable": claimable})


@login_required
@require_http_methods(["GET", "POST"])
def claim(request, course_slug):
    course = get_course_for_user(request.user, course_slug)
    if not CourseCompletion.objects.filter(user=request.user, course=course).exists():
        messages.error(
            request, _("Finish the course first: the certificate is offered when every module is complete.")
        )
        return redirect(course.get_absolute_url())
    form = ClaimForm(request.POST or None, initial={"name": request.user.display_name})
    if request.method == "POST" and form.is_valid():
        certificate = actions.issue(request.user, course, form.cleaned_data["name"])
        messages.success(
            request,
            _("Your certificate is issued. Its code is %(code)s.") % {"code": certificate.display_code},
        )
        return redirect("certificates:mine")
    return render(request, "certificates/claim.html", {"course": course, "form": form})


def _qr_data_uri(text: str) -> str:
    svg = segno.make(text, error="m").svg_inline(scale=4, dark="#000", light="#fff")
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


@login_required
@require_GET
def pdf(request, code):
    certificate = get_certificate_for_owner(request.user, code)
    context = {
        "certificate": certificate,
        "qr": _qr_data_uri(certificate.verification_url),
        "issuer_name": settings.CONVENER_ISSUER_NAME,
        "logo": settings.CONVENER_ISSUER_LOGO,
    }
    response = HttpResponse(
        render_pdf("certificates/pdf.html", context, landscape=True), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="certificate-{certificate.code}.pdf"'
    return response


@login_required
@require_GET
def badge(request, code):
    """The Open Badges 3.0 credential, signed as a VC-JWT, to add to a badge wallet."""
    certificate = get_certificate_for_owner(request.user, code)
    response = HttpResponse(credential.signed_jwt(certificate), content_type="application/jwt")
    response["Content-Disposition"] = f'attachment; filename="open-badge-{certificate.code}.jwt"'
    return response


@require_GET
def verify_form(request):
    form = VerifyForm(request.GET or None)
    if request.GET and form.is_valid():
        return redirect("certificates:verify", code=form.cleaned_data["code"])
    return render(request, "certificates/verify_form.html", {"form": form})


@never_cache
@require_GET
def verify(request, code):
    if too_many(request, "verify", settings.VERIFY_LOOKUPS_PER_ADDRESS, 600):
        return render(request, "certificates/too_many.html", status=429)
    certificate = find_certificate_by_code(code)
    status = 200 if certificate else 404
    context = {"certificate": certificate, "code": code, "issuer_name": settings.CONVENER_ISSUER_NAME}
    return render(request, "certificates/verify.html", context, status=status)


# Open Badges documents: public JSON with stable addresses ------------------------------------


@cache_control(max_age=3600, public=True)
@require_GET
def issuer(request):
    return JsonResponse({"@context": credential.CONTEXT, **credential.issuer_profile()})


@cache_control(max_age=3600, public=True)
@require_GET
def achievement(request, course_slug):
    course = Course.objects.published().filter(slug=course_slug).first()
    if course is None:
        raise Http404("No such achievement")
    return JsonResponse({"@context": credential.CONTEXT, **credential.achievement(course)})


@cache_control(max_age=300, public=True)
@require_GET
def jwks(request):
    return JsonResponse(keys.jwks())


@cache_control(max_age=300, public=True)
@require_GET
def key(request, name):
    found = next((k for k in keys.active_keys() if k.name == name), None)
    if found is None:
        raise Http404("No such key")
    return JsonResponse(found.public_jwk())


@never_cache
@require_GET
def revocations(request):
    return JsonResponse(credential.revocation_list())


# Administrators ---------------------------------------------------------------------------------


@staff_required
@require_GET
def manage(request):
    certificates = Certificate.objects.select_related("course", "user")
    query = request.GET.get("q", "").strip()
    if query:
        certificates = certificates.filter(
            code__icontains=query.replace("-", "").upper()
        ) | certificates.filter(name__icontains=query)
    return render(request, "certificates/manage.html", {"certificates": certificates[:200], "query": query})


@staff_required
@require_http_methods(["GET", "POST"])
def manage_one(request, code):
    certificate = get_certificate_for_staff(code)
    revoke_form = RevokeForm(request.POST if request.POST.get("action") == "revoke" else None)
    reissue_form = ReissueForm(
        request.POST if request.POST.get("action") == "reissue" else None, initial={"name": certificate.name}
    )
    if request.method == "POST":
        if revoke_form.is_bound and revoke_form.is_valid():
            actions.revoke(certificate, revoke_form.cleaned_data["reason"])
            messages.success(request, _("The certificate is revoked."))
            return redirect("certificates:manage_one", code=certificate.code)
        if reissue_form.is_bound and reissue_form.is_valid():
            replacement = actions.reissue(certificate, reissue_form.cleaned_data["name"])
            messages.success(request, _("Reissued as %(code)s.") % {"code": replacement.display_code})
            return redirect("certificates:manage_one", code=replacement.code)
    context = {"certificate": certificate, "revoke_form": revoke_form, "reissue_form": reissue_form}
    return render(
        request, "certificates/manage_one.html", context, status=400 if request.method == "POST" else 200
    )

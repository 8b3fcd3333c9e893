import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from . import actions, personal_data
from .forms import DeleteAccountForm, ProfileForm, SignInForm, SignUpForm
from .models import SignInThrottle


@require_http_methods(["GET", "POST"])
def sign_up(request):
    if request.user.is_authenticated:
        return redirect("home")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            request, _("Welcome, %(name)s. Your account is ready.") % {"name": user.display_name}
        )
        return redirect("home")
    return render(request, "accounts/sign_up.html", {"form": form})


class SignInView(auth_views.LoginView):
    """Sign in, refusing with HTTP 429 after repeated failures for an account or an address."""

    form_class = SignInForm
    template_name = "accounts/sign_in.html"
    redirect_authenticated_user = True
    http_method_names = ["get", "post"]

    def post(self, request, *args, **kwargs):
        email = request.POST.get("username", "")
        address = request.META.get("REMOTE_ADDR", "")
        if SignInThrottle.is_locked(email, address):
            form = self.get_form()
            form.errors.clear()
            form.add_error(
                None,
                _("Too many failed sign-in attempts. Wait %(minutes)s minutes, or reset your password.")
                % {"minutes": SignInThrottle.window().seconds // 60},
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        form = self.get_form()
        if form.is_valid():
            SignInThrottle.forget_account(email)
            return self.form_valid(form)
        SignInThrottle.record_failure(email, address)
        return self.form_invalid(form)


@require_POST
def sign_out(request):
    logout(request)
    messages.info(request, _("You are signed out."))
    return redirect("home")


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile is saved."))
        return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form})


@login_required
@require_http_methods(["GET"])
def my_data(request):
    return render(request, "accounts/my_data.html", {"delete_form": DeleteAccountForm(request.user)})


@login_required
@require_POST
def export_my_data(request):
    data = {
        "exported_at": timezone.now().isoformat(),
        "site": request.get_host(),
        **personal_data.export_for(request.user),
    }
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="convener-my-data.json"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def delete_account(request):
    form = DeleteAccountForm(request.user, request.POST)
    if not form.is_valid():
        return render(request, "accounts/my_data.html", {"delete_form": form}, status=400)
    user = request.user
    logout(request)
    actions.delete_account(user, keep_certificates=form.keep_certificates)
    messages.success(request, _("Your account and everything Convener held about you are deleted."))
    return redirect("home")


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form):
        messages.success(self.request, _("Your password is changed."))
        return super().form_valid(form)


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_sent")
    extra_email_context = {"site_name": settings.SITE_NAME}


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:sign_in")
    post_reset_login = False

    def form_valid(self, form):
        messages.success(self.request, _("Your new password is set. Sign in with it now."))
        return super().form_valid(form)

from django.contrib.auth.forms import AuthenticationForm

LOGIN_ERROR_ID = "login-error"


class LoginForm(AuthenticationForm):
    """Django's login form, with a failed login announced: the template focuses the error, so
    the username field must not take focus first, and both fields point to the error."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.is_bound and self.errors:
            for field in self.fields.values():
                field.widget.attrs.pop("autofocus", None)
            if self.non_field_errors():
                for field in self.fields.values():
                    field.widget.attrs |= {
                        "aria-describedby": LOGIN_ERROR_ID,
                        "aria-invalid": "true",
                    }

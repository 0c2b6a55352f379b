from django.contrib.auth.forms import AuthenticationForm

LOGIN_ERROR_ID = "login-error"


class LoginForm(AuthenticationForm):
    """Django's login form, with a failed login announced: the template focuses the error, so
    the username field must not take focus first, and both fields point to the error."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # A wrong password: the template focuses the error, so no field may take focus first.
        # Empty fields keep Django's autofocus on the username, which carries its own error.
        if self.is_bound and self.non_field_errors():
            for field in self.fields.values():
                field.widget.attrs.pop("autofocus", None)
                field.widget.attrs |= {"aria-describedby": LOGIN_ERROR_ID, "aria-invalid": "true"}

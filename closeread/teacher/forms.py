"""Flask-WTF forms of the teacher side and of joining a class."""

from __future__ import annotations

from wtforms import DecimalField, EmailField, HiddenField, PasswordField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, EqualTo, InputRequired, Length, NumberRange, Optional, ValidationError

from .. import names
from ..forms import Form
from .accounts import EMAIL_MAX, email_problem
from .classes import (
    CLASS_NAME_MAX,
    JOIN_CODE_LENGTH,
    LEGACY_RESUME_CODE_LENGTH,
    NAME_MAX,
    RESUME_CODE_LENGTH,
    code_problem,
    normalise_code,
)
from .passwords import MAX_LENGTH, password_problem


def _name_check(limit: int, what: str = "name"):
    """The rules of ``names.clean`` (length in characters as seen, no invisible characters) as a validator."""

    def check(form, field) -> None:
        try:
            names.clean(field.data, limit, what)
        except names.NameProblem as exc:
            raise ValidationError(str(exc)) from exc

    return check


class SignInForm(Form):
    email = EmailField(
        "Email",
        validators=[DataRequired("Enter your email address."), Length(max=EMAIL_MAX)],
        render_kw={"autocomplete": "username"},
    )
    password = PasswordField(
        "Password",
        validators=[DataRequired("Enter your password."), Length(max=MAX_LENGTH)],
        render_kw={"autocomplete": "current-password"},
    )
    next = HiddenField()
    submit = SubmitField("Sign in")


class RegisterForm(Form):
    email = EmailField(
        "Email", validators=[DataRequired("Enter your email address.")], render_kw={"autocomplete": "username"}
    )
    password = PasswordField(
        "Password", validators=[DataRequired("Choose a password.")], render_kw={"autocomplete": "new-password"}
    )
    password_again = PasswordField(
        "Password again",
        validators=[DataRequired("Type the password again."), EqualTo("password", "The two passwords differ.")],
        render_kw={"autocomplete": "new-password"},
    )
    submit = SubmitField("Create my account")

    def validate_email(self, field) -> None:
        problem = email_problem(field.data or "")
        if problem:
            raise ValidationError(problem)

    def validate_password(self, field) -> None:
        problem = password_problem(field.data or "", self.email.data)
        if problem:
            raise ValidationError(problem)


class ClassNameForm(Form):
    name = StringField(
        "Class name",
        validators=[
            DataRequired("Give the class a name."),
            _name_check(CLASS_NAME_MAX, "class name"),
        ],
    )
    submit = SubmitField("Save")


class StudentNameForm(Form):
    name = StringField(
        "New name",
        validators=[DataRequired("Enter a name."), _name_check(NAME_MAX)],
    )
    submit = SubmitField("Rename")


class MergeForm(Form):
    target = SelectField("Merge into", coerce=int, validators=[InputRequired("Choose a student.")])
    submit = SubmitField("Merge")


class ReviewForm(Form):
    score = DecimalField(
        "Score", places=2, validators=[Optional(), NumberRange(min=0, message="Give a score of 0 or more.")]
    )
    confirm = SubmitField("Confirm provisional score")
    override = SubmitField("Save this score")


class _CodeField(StringField):
    def process_formdata(self, valuelist) -> None:
        super().process_formdata(valuelist)
        self.data = normalise_code(self.data)


class JoinForm(Form):
    code = _CodeField("Class code", validators=[DataRequired("Enter the class code your teacher gave you.")])
    name = StringField(
        "Your name (as your teacher knows you)",
        validators=[DataRequired("Enter your name."), _name_check(NAME_MAX)],
    )
    submit = SubmitField("Join the class")

    def validate_code(self, field) -> None:
        problem = code_problem(field.data or "", JOIN_CODE_LENGTH)
        if problem:
            raise ValidationError(problem)


class ResumeForm(Form):
    code = _CodeField("Your resume code", validators=[DataRequired("Enter your resume code.")])
    submit = SubmitField("Carry on")

    def validate_code(self, field) -> None:
        problem = code_problem(field.data or "", RESUME_CODE_LENGTH, also=LEGACY_RESUME_CODE_LENGTH)
        if problem:
            raise ValidationError(problem)

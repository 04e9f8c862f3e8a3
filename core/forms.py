from django.core.exceptions import ValidationError


def attach_service_errors(form, error: ValidationError, *, field_aliases: dict[str, str] | None = None) -> None:
    """Show a service's ValidationError on the form that fed it.

    Errors naming a field of the form go beside that field (a service's field name can be mapped
    to the form's with `field_aliases`); the rest, and errors with no field, go at the top.
    """
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages in error.message_dict.items():
        field = (field_aliases or {}).get(field, field)
        form.add_error(field if field in form.fields else None, messages)

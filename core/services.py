from django.core.mail import EmailMultiAlternatives


def email_send(*, subject: str, body: str, to: list[str], html_body: str = "") -> None:
    message = EmailMultiAlternatives(subject=subject, body=body, to=to)
    if html_body:
        message.attach_alternative(html_body, "text/html")
    message.send()

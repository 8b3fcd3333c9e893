from django.dispatch import Signal

# Sent inside the deletion transaction, before the person is deleted.
# Arguments: user, keep_certificates (the holder's choice, False when they have none).
account_deleting = Signal()

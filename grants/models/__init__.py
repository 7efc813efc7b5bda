"""Grants for young people, one module per concern; every model is importable from here
(`from grants.models import Application`), as Django and the migrations expect."""

from grants.models.after_decision import GrantPayment, ThankYou
from grants.models.applications import (
    Application,
    ApplicationStatusChange,
    Endorsement,
    proof_path,
)
from grants.models.audit import ApplicationLogEntry
from grants.models.fund import Category, FundPage, Round
from grants.models.ledger import FundLedger
from grants.models.panel import DecisionTemplate, Review
from grants.models.site_settings import GrantsSettings

__all__ = [
    "Application",
    "ApplicationLogEntry",
    "ApplicationStatusChange",
    "Category",
    "FundLedger",
    "DecisionTemplate",
    "Endorsement",
    "FundPage",
    "GrantPayment",
    "GrantsSettings",
    "Round",
    "Review",
    "ThankYou",
    "proof_path",
]

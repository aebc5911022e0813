"""claimledger: read news the way a careful fact-checker does."""

__version__ = "0.1.0"

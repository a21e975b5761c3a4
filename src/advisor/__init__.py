"""AWS service advisor: decision trees in YAML, a pure engine, a CLI and a Streamlit app."""

__version__ = "0.1.0"

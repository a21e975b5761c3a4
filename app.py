"""Streamlit entry point for a source checkout: `streamlit run app.py`."""

from advisor.web.app import main

main()

"""Streamlit entry point of the installed package (`advisor serve` runs this file)."""

from advisor.web.app import main

main()

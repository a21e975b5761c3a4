"""The Streamlit face of the advisor: one module per page, no decision logic."""

"""The baseline of bench_web.py: the smallest Streamlit app with one radio and a result."""

import streamlit as st

choice = st.radio("Pick one", ["alpha", "beta", "gamma"], index=None, key="choice")
chosen = choice or st.query_params.get("choice")
if chosen:
    with st.container(key="result"):
        st.markdown(f"Result: {chosen}")

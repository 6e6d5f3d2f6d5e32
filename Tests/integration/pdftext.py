"""Reading PDFs with independent tools: pypdf for structure, pdftotext (poppler) for page text."""
import subprocess

from pypdf import PdfReader


def page_count(path):
    return len(PdfReader(str(path)).pages)


def pages_text(path):
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return out.split("\f")[:-1]

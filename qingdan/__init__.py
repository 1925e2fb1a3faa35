"""Qingdan (清单): duty lists and burden reduction for townships and villages."""

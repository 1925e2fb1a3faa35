"""Forms (报表): the data dictionary, form requests and their admission review (through qingdan.review),
pre-filled filling by villages from the registers, submissions, and the results.

The registers themselves (village profiles, residents, personal data, their import) are qingdan.registers.
"""

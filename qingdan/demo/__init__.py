"""The demo county 咸安区 (湖北省咸宁市), for every app: one loader per part, run in order by load_demo().

divisions, units, people, catalogs   the county itself, its accounts and its published duty lists
orders                                work orders filed against those lists, screened and reviewed (admission)
checklists                            task checklists naming the demo accounts (tasks)
bodies                                coordination bodies: the district's ledger at its cap (bodies)
registers                             the data dictionary, village profiles and residents (registers)
assessment                            Daye's village assessment: 25 indicators cut to 10, results and pay
ledger                                monitoring points and their light ledger: documents, meetings, signs
cadres                                cadres seconded to communities: the batch, postings, the three lists
staffing                              a Shanxi-style reform table and a Quzhou-style modular town
burden                                the reform date; the burden figures counted from everything above

qingdan.demo.load.load_demo()   create or update all of it in place; running it again changes nothing.
A new app adds its module here and one call at the end of load_demo(), after what it refers to.
"""

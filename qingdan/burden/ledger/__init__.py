"""The light ledger (轻台账) of the burden ledger: what the platform cannot see, entered by monitoring points.

    MonitoringPoint   a village the county marked as a monitoring point (监测点), and since when
    LedgerMonth       one village's month: entered (submitted) or not yet — the completeness shown
    DocumentReceived, MeetingCalled, Inspection, CertificateDemand, CadreBorrowing
                      what reached the village in a month, each naming who sent it
    DigitalTool       a work chat group or government app the village's cadres must use, and until when
    Sign              a sign at the village service centre, where it hangs and what became of it
    Violation         a cap of the 2024 rules broken, with its evidence, confirmed or dismissed by a reviewer

Every change goes through actions.py; checks.py finds the violations (after each save, and by a job);
sources.py hands the counts to the burden figures (qingdan/burden/sources.py's contract).
"""

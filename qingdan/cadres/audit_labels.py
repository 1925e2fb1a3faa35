"""How the audit trail names this app's actions. apps.CadresConfig.ready() adds them to
qingdan.audit.labels.ACTION_LABELS, so the trail reads them in Chinese like every other app's."""

from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "cadres.set_up_programme": _("Secondment programme set up"),
    "cadres.update_programme": _("Secondment rules changed"),
    "cadres.open_batch": _("Nomination batch opened"),
    "cadres.nominate": _("Cadre nominated"),
    "cadres.withdraw_nomination": _("Nomination withdrawn"),
    "cadres.submit_batch": _("Nomination batch submitted"),
    "cadres.approve_batch": _("Nomination batch approved"),
    "cadres.return_batch": _("Nomination batch returned"),
    "cadres.refuse_batch": _("Nomination batch refused"),
    "cadres.reveal_personal": _("Seconded cadre's personal data viewed"),
    "cadres.tag_community": _("Community need tagged"),
    "cadres.add_grid": _("Compound or grid added"),
    "cadres.post_cadre": _("Cadre posted to a community"),
    "cadres.set_grids": _("Compounds and grids of a posting set"),
    "cadres.rotate": _("Posting ended by rotation"),
    "cadres.offer_resource": _("Resource listed"),
    "cadres.list_need": _("Need listed"),
    "cadres.start_project": _("Project started"),
    "cadres.update_project": _("Project progress recorded"),
    "cadres.record_work": _("Work record added"),
    "cadres.confirm_attendance": _("Monthly attendance confirmed"),
    "cadres.score": _("Year-end score given"),
    "cadres.commend": _("Commendation list issued"),
}

"""The one review toolkit (审核): every app that has a review — work orders, form requests, and the apps
to come — describes its review once and lets this module do the rest. No models of its own.

    models.py   AbstractReviewEntry: one step of a review (who, which step, when, why); each app's entry
                table inherits it and adds its foreign key to what is reviewed (and what else it keeps)
    workflow.py Review: what is reviewed, by which permission, the state that waits for a decision, each
                decision's new state and the message to the person who filed; its verbs open(), decide(),
                approve(), send_back(), refuse() and entry() write the state, the entry, the audit row and
                the notifications in one go; decide_each() for bulk approval
    views.py    decision(): one decision's POST (the form again with its errors, or the action's refusal as
                a page message, or the success message and the next page)
    schemas.py  the API's decision in (a note, a reason) and entry out

An app keeps only what differs: its own checks before approving, what an approval sets in motion, and
decisions only it has (turning an order into an amendment, merging a form into another).
"""

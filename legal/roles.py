"""The advisers' role, Tư vấn viên, declared in `LegalConfig.roles` (the core syncs it, see
congdoan.roles).

Advisers of the federation's legal advice office answer members' questions: they get every
permission of this app (questions, their public versions, topics, advisers) and may read the
document register, whose documents an answer cites as its legal basis (the admin's
autocomplete needs `documents.view_document`). Editors get the same through `editorial = True`.
The group keeps its name: existing memberships point at it.
"""

from congdoan.roles import Role

ADVISER_GROUP = "Tư vấn viên"

ADVISER = Role(ADVISER_GROUP, all_app_permissions=True, permissions=("documents.view_document",))

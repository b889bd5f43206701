package org.tonle.auth;

import java.util.Set;

/** Who is making a request, as established from a valid token and the current account. */
public record Principal(String id, String username, Role role, Set<String> forms, Set<String> team) {

    static Principal of(Account account) {
        return new Principal(account.id(), account.username(), account.role(), account.forms(), account.team());
    }

    /** Whether this person may see and review what account {@code submitterId} submitted: everyone's for analysts and admins, their team's for a supervisor. */
    public boolean reviews(String submitterId) {
        return role == Role.ADMIN || role == Role.ANALYST || role == Role.SUPERVISOR && submitterId != null && team.contains(submitterId);
    }

    public boolean is(Role... roles) {
        for (Role r : roles) {
            if (role == r) {
                return true;
            }
        }
        return false;
    }

    /** Admins may submit to any form; an enumerator only to the forms an admin assigned. */
    public boolean maySubmitTo(String formId) {
        return role == Role.ADMIN || (role == Role.ENUMERATOR && forms.contains(formId));
    }
}

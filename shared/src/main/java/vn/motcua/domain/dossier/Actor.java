package vn.motcua.domain.dossier;

/**
 * Who caused an event. For a department the id is the agency id: a department's identity comes
 * from the key its call was signed with (or the queue it came through), never from the body.
 */
public record Actor(Role role, String id) {

    public enum Role {
        /** A member of the desk's staff, by login. */
        DESK,
        /** A competent agency, by agency id. */
        DEPARTMENT,
        /** The system acting for the desk: the router, the deadline watch, the post tracking feed. */
        SYSTEM
    }

    public Actor {
        if (role == null) throw new IllegalArgumentException("an actor needs a role");
        if (id == null || id.isBlank()) throw new IllegalArgumentException("an actor needs an id");
    }

    public static Actor clerk(String login) { return new Actor(Role.DESK, login); }

    public static Actor department(String agencyId) { return new Actor(Role.DEPARTMENT, agencyId); }

    public static Actor system(String name) { return new Actor(Role.SYSTEM, name); }

    public boolean isDepartment() { return role == Role.DEPARTMENT; }
}

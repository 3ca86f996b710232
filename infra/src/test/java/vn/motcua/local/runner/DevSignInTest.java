package vn.motcua.local.runner;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.motcua.local.stack.ProjectDirectory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DevSignInTest {

    @Test
    void theProjectsDevUsersFileHasADeskClerkAndAnOfficeUser() {
        var users = DevSignIn.readUsers(ProjectDirectory.find().resolve("infra/local/dev-users.json"));
        assertThat(users).filteredOn(u -> u.groups().contains("desk")).extracting(DevSignIn.User::username).contains("quay01");
        assertThat(users).filteredOn(u -> u.groups().contains("office")).extracting(DevSignIn.User::username).contains("vanphong01");
        assertThat(users).allSatisfy(u -> assertThat(u.password()).endsWith("-local"));
    }

    @Test
    void aBadUsersFileNamesTheFieldOfEveryProblem(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("dev-users.json");
        Files.writeString(file, """
                {"users": [
                  {"username": "quay01", "password": "x", "sub": "s1", "email": "a@b", "groups": ["desk"]},
                  {"username": "quay01", "password": "", "sub": "s2", "email": "c@d"}
                ]}""");
        assertThatThrownBy(() -> DevSignIn.readUsers(file)).isInstanceOf(RunnerException.class)
                .hasMessageContaining("dev-users.json /users/1/password: a non-empty string is required")
                .hasMessageContaining("dev-users.json /users/1/groups: an array of group names is required")
                .hasMessageContaining("dev-users.json /users/1/username: 'quay01' appears twice");
    }

    @Test
    void claimsAreFlattenedTheWayHttpApisDo() {
        assertThat(DevSignIn.flatten(List.of("desk", "office"))).isEqualTo("[desk office]");
        assertThat(DevSignIn.flatten(1764300000L)).isEqualTo("1764300000");
        assertThat(DevSignIn.flatten(true)).isEqualTo("true");
        assertThat(DevSignIn.flatten(Map.of("k", "v"))).isEqualTo("map[k:v]");
    }
}

package dev.maa.spring.boot.autoconfigure;

/** {@code maa.directory.*}: who is in which group when a request is reviewed. */
public class MaaDirectoryProperties {

    /** The users file (re-read as it is edited); default <home>/users.yaml when it exists. */
    private String usersFile;

    public String getUsersFile() {
        return usersFile;
    }

    public void setUsersFile(String usersFile) {
        this.usersFile = usersFile;
    }
}

package dev.maa.spring.boot.autoconfigure;

import dev.maa.spring.boot.autoconfigure.MaaProperties.StoreSource;

/** {@code maa.store.*}: the request store and audit log. */
public class MaaStoreProperties {

    /** own (the H2 file under the home, or maa.store.url) or application (the application's DataSource). */
    private StoreSource datasource = StoreSource.OWN;

    /** A JDBC URL (jdbc:postgresql:... or jdbc:h2:...); default: the H2 file <home>/maa. */
    private String url;

    /** The database user for maa.store.url. */
    private String username;

    /** The database password for maa.store.url. */
    private String password;

    public StoreSource getDatasource() {
        return datasource;
    }

    public void setDatasource(StoreSource datasource) {
        this.datasource = datasource;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }
}

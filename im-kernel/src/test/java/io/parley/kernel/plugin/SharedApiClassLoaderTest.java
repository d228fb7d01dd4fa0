package io.parley.kernel.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.api.plugin.ImPlugin;
import java.util.Collections;
import org.junit.jupiter.api.Test;

class SharedApiClassLoaderTest {
    final SharedApiClassLoader shared = new SharedApiClassLoader(getClass().getClassLoader());

    @Test
    void sharesTheJdkTheApiSlf4jAndJacksonAsTheServerLoadedThem() throws Exception {
        assertThat(shared.loadClass("java.net.http.HttpClient")).isSameAs(java.net.http.HttpClient.class);
        assertThat(shared.loadClass(ImPlugin.class.getName())).isSameAs(ImPlugin.class);
        assertThat(shared.loadClass("org.slf4j.Logger")).isSameAs(org.slf4j.Logger.class);
        assertThat(shared.loadClass("com.fasterxml.jackson.core.JsonParser"))
                .isSameAs(com.fasterxml.jackson.core.JsonParser.class);
    }

    @Test
    void refusesEverythingElseOnTheServersClassPath() {
        assertThatThrownBy(() -> shared.loadClass(PluginFolder.class.getName()))
                .isInstanceOf(ClassNotFoundException.class)
                .hasMessageContaining("is not shared with plugins-folder jars");
        assertThatThrownBy(() -> shared.loadClass("io.netty.channel.Channel"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> shared.loadClass("org.junit.jupiter.api.Test"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThat(SharedApiClassLoader.isShared("io.parley.apifake.Thing")).isFalse();
    }

    @Test
    void findsResourcesOnlyUnderTheSharedPackages() throws Exception {
        assertThat(shared.getResource("io/parley/api/plugin/ImPlugin.class")).isNotNull();
        assertThat(shared.getResource("io/parley/kernel/plugin/PluginFolder.class")).isNull();
        assertThat(getClass().getClassLoader().getResources("META-INF/MANIFEST.MF").hasMoreElements()).isTrue();
        assertThat(Collections.list(shared.getResources("META-INF/MANIFEST.MF"))).isEmpty();
        assertThat(Collections.list(shared.getResources(PluginJar.SERVICES_ENTRY))).isEmpty();
    }
}

package org.ifnet.core.clone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.ifnet.core.ioctl.Errno;
import org.ifnet.core.ioctl.IfnetException;
import org.junit.jupiter.api.Test;

/** CloneParams keeps the value semantics it had as a record. */
class CloneParamsTest {

    @Test
    void valueSemanticsOrderAndImmutability() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("vlandev", "epair0a");
        m.put("vlan", "5");
        CloneParams p = new CloneParams(m);
        m.put("late", "x"); // a copy was taken
        assertThat(p.values()).containsExactly(Map.entry("vlandev", "epair0a"), Map.entry("vlan", "5"));
        assertThat(p).isEqualTo(CloneParams.of("vlandev", "epair0a", "vlan", "5"));
        assertThat(p.hashCode()).isEqualTo(CloneParams.of("vlandev", "epair0a", "vlan", "5").hashCode());
        assertThat(p).isNotEqualTo(CloneParams.NONE);
        assertThat(p.toString()).isEqualTo("CloneParams[values={vlandev=epair0a, vlan=5}]");
        assertThatThrownBy(() -> p.values().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(CloneParams.NONE.isEmpty()).isTrue();
        assertThat(CloneParams.of()).isEqualTo(CloneParams.NONE);
        assertThatThrownBy(() -> CloneParams.of("odd")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void intValueAndRequireOnly() {
        CloneParams p = CloneParams.of("vlan", "5", "mtu", "x");
        assertThat(p.intValue("vlan", 1, 1, 4094)).isEqualTo(5);
        assertThat(p.intValue("absent", 7, 1, 4094)).isEqualTo(7);
        assertThatThrownBy(() -> p.intValue("mtu", 1500, 72, 9000)).isInstanceOf(IfnetException.class)
                .satisfies(e -> assertThat(((IfnetException) e).errno()).isEqualTo(Errno.EINVAL));
        assertThatThrownBy(() -> CloneParams.of("vlan", "4095").intValue("vlan", 1, 1, 4094))
                .hasMessageContaining("out of range");
        p.requireOnly("vlan", "mtu");
        assertThatThrownBy(() -> p.requireOnly("vlan")).hasMessageContaining("unknown create parameter 'mtu'");
    }
}

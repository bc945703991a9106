package org.ifnet.tool.ifconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class InvocationTest {

    @Test
    void getoptStyleOptionsStopAtTheFirstWord() {
        Invocation i = Invocation.parse(List.of("-am", "-v", "lagg0", "-laggport", "epair0a"));
        assertThat(i.all()).isTrue();
        assertThat(i.media()).isTrue();
        assertThat(i.verbose()).isTrue();
        assertThat(i.words()).containsExactly("lagg0", "-laggport", "epair0a");
    }

    @Test
    void groupTakesItsArgumentJoinedOrSeparate() {
        assertThat(Invocation.parse(List.of("-g", "lagg")).group()).isEqualTo("lagg");
        assertThat(Invocation.parse(List.of("-glagg")).group()).isEqualTo("lagg");
        assertThat(Invocation.parse(List.of("-lu")).namesOnly()).isTrue();
        assertThat(Invocation.parse(List.of("-C")).cloners()).isTrue();
        assertThat(Invocation.parse(List.of("-d")).downOnly()).isTrue();
    }

    @Test
    void longOptionsAnywhere() {
        Invocation i = Invocation.parse(List.of("lo0", "--json", "mtu", "--socket", "/tmp/s", "1500"));
        assertThat(i.json()).isTrue();
        assertThat(i.socket()).isEqualTo("/tmp/s");
        assertThat(i.words()).containsExactly("lo0", "mtu", "1500");
        assertThat(Invocation.parse(List.of("--socket=/x", "-a")).socket()).isEqualTo("/x");
        assertThat(Invocation.parse(List.of("--", "-weird")).words()).containsExactly("-weird");
    }

    @Test
    void badOptions() {
        assertThatThrownBy(() -> Invocation.parse(List.of("-q"))).hasMessage("illegal option -- q");
        assertThatThrownBy(() -> Invocation.parse(List.of("-a", "-g"))).hasMessage("option requires an argument -- g");
        assertThatThrownBy(() -> Invocation.parse(List.of("--socket"))).hasMessage("--socket requires a path");
    }
}

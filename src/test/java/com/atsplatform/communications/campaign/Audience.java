package com.atsplatform.communications.campaign;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.atsplatform.communications.TestRows;

import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Candidates with one application each, written straight to the tables (as an ATS import would):
 * some numbers pass the table's E.164 check but are no real number, which the API would refuse.
 */
final class Audience {

    /** One candidate and their application. */
    record Member(UUID candidateId, UUID applicationId, String phone, String fullName) {

        String phoneDigits() {
            return phone.substring(1);
        }
    }

    private Audience() {
    }

    /**
     * @param optedOut     how many of them opted out of WhatsApp (the first ones)
     * @param invalidPhone how many have a number no country has (the next ones)
     */
    static List<Member> create(TestRows rows, int size, int optedOut, int invalidPhone) {
        List<Member> members = new ArrayList<>();
        int base = ThreadLocalRandom.current().nextInt(1_000_000, 8_000_000);
        for (int i = 0; i < size; i++) {
            String phone = i >= optedOut && i < optedOut + invalidPhone ? "+99900" + (base + i) : "+57311" + (base + i);
            Member member = new Member(UUID.randomUUID(), UUID.randomUUID(), phone, "Camila" + i + " Rojas");
            rows.execute("insert into candidates (id, full_name, phone, whatsapp_opt_out) values ($1, $2, $3, $4)",
                    Tuple.of(member.candidateId(), member.fullName(), phone, i < optedOut));
            rows.execute("insert into applications (id, candidate_id, position, status) values ($1, $2, 'Backend developer', 'new')",
                    Tuple.of(member.applicationId(), member.candidateId()));
            members.add(member);
        }
        return members;
    }
}
